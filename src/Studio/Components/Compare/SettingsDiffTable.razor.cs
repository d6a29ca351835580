using DreamTuner.Studio.Services.Compare;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Compare;

/// <summary>The settings of two to four takes side by side: differences highlighted, equal settings folded away.</summary>
public partial class SettingsDiffTable
{
    private IReadOnlyList<SettingRow> _rows = [];

    /// <summary>The takes in the order they are shown. Default empty.</summary>
    [Parameter]
    public IReadOnlyList<CompareTake> Takes { get; set; } = [];

    private IReadOnlyList<SettingRow> Different => [.. _rows.Where(r => r.Differs)];

    private IReadOnlyList<SettingRow> Same => [.. _rows.Where(r => !r.Differs)];

    protected override void OnParametersSet() => _rows = SettingsDiff.Of(Takes);

    // With three or four takes, a value none of the others share is the one to look at; with two, both are.
    private static bool IsOdd(SettingRow row, string? value) => row.Values.Count(v => v == value) == 1;
}
