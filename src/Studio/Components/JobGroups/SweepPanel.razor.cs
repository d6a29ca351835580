using System.Globalization;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.JobGroups;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.JobGroups;

/// <summary>
/// The Generate page's "Advanced: sweep": two knobs and their values over the settings the form holds now, queued as
/// one group, with the user's recent sweeps below.
/// </summary>
public sealed partial class SweepPanel : ComponentBase
{
    private SweepKnob _columnKnob = SweepKnob.Beta;
    private SweepKnob _rowKnob = SweepKnob.WRef;
    private string? _columnValues = "0.1, 0.2, 0.4";
    private string? _rowValues = "2.5, 3";
    private List<Guid> _groups = [];
    private string? _error;
    private bool _busy;

    /// <summary>The project. Required.</summary>
    [Parameter, EditorRequired]
    public Guid ProjectId { get; set; }

    /// <summary>The signed-in user (an Editor or Owner: the page shows this only to them). Required.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>Gives the form's current settings, the sweep's base. Required.</summary>
    [Parameter, EditorRequired]
    public Func<GenerationRequest> Settings { get; set; } = default!;

    [Inject]
    private SweepService Sweeps { get; set; } = default!;

    [Inject]
    private JobGroupService Groups { get; set; } = default!;

    protected override async Task OnParametersSetAsync() =>
        _groups = [.. (await Groups.ListAsync(ProjectId, UserId, JobGroupKind.Sweep, take: 5)).Where(g => g.RequestedById == UserId).Select(g => g.Id)];

    private async Task QueueAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            var plan = new SweepPlan(new SweepAxis(_columnKnob, Parse(_columnKnob, _columnValues)), new SweepAxis(_rowKnob, Parse(_rowKnob, _rowValues)));
            var group = await Sweeps.QueueAsync(ProjectId, UserId, Settings(), plan);
            _groups.Insert(0, group.Id);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or GenerationRateLimitedException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>"0.1, 0.2; 0.4" -> [0.1, 0.2, 0.4]; anything else is refused by name.</summary>
    private static List<double> Parse(SweepKnob knob, string? text)
    {
        var values = new List<double>();
        foreach (var part in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new ProjectRuleException($"\"{part}\" is not a number (values of {SweepKnobs.Label(knob)}, separated by commas).");
            values.Add(v);
        }
        return values;
    }
}
