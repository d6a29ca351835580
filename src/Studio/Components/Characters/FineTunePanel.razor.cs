using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>
/// The character page's training section: the "works without training" note, the Train form (a preset, advanced
/// settings folded away; Editors and Owners only), the newest run's live card, earlier runs, and the token chip once
/// the character is trained. Reads and writes through <see cref="FineTuneService"/>, which checks the role again.
/// </summary>
public sealed partial class FineTunePanel : IDisposable
{
    private readonly FineTuneSettingsModel _settings = new();
    private List<FineTuneInfo> _runs = [];
    private IDisposable? _subscription;
    private bool _loaded;
    private bool _starting;
    private string? _error;
    private ProjectRole _role;
    private (Guid Project, Guid Character, Guid User) _loadedFor;

    /// <summary>The character's project. Required; defaults to empty.</summary>
    [Parameter, EditorRequired]
    public Guid ProjectId { get; set; }

    /// <summary>The character. Required; defaults to empty.</summary>
    [Parameter, EditorRequired]
    public Guid CharacterId { get; set; }

    /// <summary>The signed-in user (their role decides whether the Train form shows). Required; defaults to empty.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>The character's prompt token (what the Generate page's chip inserts). Defaults to empty.</summary>
    [Parameter]
    public string Token { get; set; } = "";

    /// <summary>Whether the character already had an active fine-tune when the page loaded. Defaults to false.</summary>
    [Parameter]
    public bool HasFineTune { get; set; }

    [Inject]
    private FineTuneService FineTunes { get; set; } = default!;

    [Inject]
    private ProjectService Projects { get; set; } = default!;

    [Inject]
    private FineTuneUpdates Updates { get; set; } = default!;

    private bool CanTrain => ProjectPermissions.Allows(_role, ProjectPermission.FineTune);

    private FineTuneInfo? Active => _runs.FirstOrDefault(r => r.IsActive);

    private FineTuneInfo? Latest => _runs.Count > 0 ? _runs[0] : null;

    private bool IsTrained => _loaded ? _runs.Any(r => r.IsCharactersActive && r.Status == JobStatus.Succeeded) : HasFineTune;

    private static string PresetName(FineTunePreset preset) => preset switch
    {
        FineTunePreset.Quick => "Quick",
        FineTunePreset.Standard => "Standard",
        _ => "Thorough",
    };

    // The service lets the requester or an Owner cancel; showing the button to others would only earn a refusal.
    private bool CanCancel(FineTuneInfo run) => CanTrain && (run.RequestedById == UserId || _role == ProjectRole.Owner);

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (ProjectId, CharacterId, UserId)) return;
        _loadedFor = (ProjectId, CharacterId, UserId);
        _role = (await Projects.GetAsync(ProjectId, UserId)).Role;
        await ReloadAsync();
        _loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs started elsewhere (another tab, the API, another member) appear once an engine reports them running, and
        // any run's end refreshes the history and the token chip.
        if (firstRender)
            _subscription = Updates.Subscribe(CharacterId, null, null, OnStatus);
    }

    private async Task ReloadAsync() => _runs = [.. await FineTunes.ListForCharacterAsync(ProjectId, CharacterId, UserId)];

    private void ChoosePreset(FineTunePreset preset)
    {
        _settings.Preset = preset;
        _settings.Steps = null;
    }

    private async Task StartAsync()
    {
        _error = null;
        _starting = true;
        try
        {
            var started = await FineTunes.StartAsync(ProjectId, CharacterId, UserId, _settings.ToRequest());
            await ReloadAsync();
            if (_runs.All(r => r.Id != started.Id)) _runs.Insert(0, started);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or GenerationRateLimitedException)
        {
            _error = e.Message;
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task CancelAsync(Guid fineTuneId)
    {
        _error = null;
        try
        {
            if (!await FineTunes.CancelAsync(ProjectId, fineTuneId, UserId))
                _error = "That run had already ended.";
            await ReloadAsync();
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
        }
    }

    private async Task OnRunEndedAsync(Guid fineTuneId) => await ReloadAsync();

    private void OnStatus(FineTuneStatusChange change) => _ = InvokeAsync(async () =>
    {
        // The newest run's card follows its own run; this reloads when a run the list does not show yet reports, or
        // when a run ends (its card reports that too; one more small query keeps the history and the chip right).
        if (_runs.Any(r => r.Id == change.FineTuneId) && change.Status is JobStatus.Queued or JobStatus.Running) return;
        await ReloadAsync();
        StateHasChanged();
    });

    public void Dispose() => _subscription?.Dispose();
}
