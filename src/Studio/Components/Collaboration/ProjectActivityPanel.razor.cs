using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Feed;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Collaboration;

/// <summary>
/// The project page's live corner: who is viewing the project now and the activity feed, refreshed when a change of the
/// project is pushed (collaboration changes and the engine's generation status reports). Showing it counts as viewing.
/// </summary>
public sealed partial class ProjectActivityPanel : ComponentBase, IAsyncDisposable
{
    private IReadOnlyList<ActivityEntry> _entries = [];
    private IReadOnlyList<ProjectViewer> _viewers = [];
    private IDisposable? _changes;
    private IDisposable? _generations;
    private IAsyncDisposable? _presence;

    /// <summary>The project (whose membership the page has checked). Required.</summary>
    [Parameter, EditorRequired]
    public Guid ProjectId { get; set; }

    /// <summary>The signed-in user. Required.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>Their user name, shown to the others. Default: empty.</summary>
    [Parameter]
    public string UserName { get; set; } = "";

    [Inject]
    private ActivityService Activity { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private CollaborationUpdates Updates { get; set; } = default!;

    [Inject]
    private GenerationUpdates GenerationUpdates { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _entries = await Activity.ListAsync(ProjectId, UserId);
        _viewers = Presence.Viewers(ProjectId);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        _changes = Updates.Subscribe(ProjectId, change => _ = InvokeAsync(() => OnChangeAsync(change)));
        _generations = GenerationUpdates.Subscribe(ProjectId, onPreview: null, onStatus: status => _ = InvokeAsync(ReloadFeedAsync));
        _presence = await Presence.JoinAsync(ProjectId, UserId, UserName);
    }

    private async Task OnChangeAsync(CollaborationChange change)
    {
        if (change.Kind == CollaborationChangeKind.Presence)
        {
            _viewers = Presence.Viewers(ProjectId);
            StateHasChanged();
        }
        else if (change.Kind == CollaborationChangeKind.Activity && change.RecipientId is null)
        {
            await ReloadFeedAsync();
        }
    }

    private async Task ReloadFeedAsync()
    {
        try
        {
            _entries = await Activity.ListAsync(ProjectId, UserId);
            StateHasChanged();
        }
        catch (ProjectNotFoundException)
        {
            // Removed from the project meanwhile: the page itself notices on its next action.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _changes?.Dispose();
        _generations?.Dispose();
        if (_presence is not null)
            await _presence.DisposeAsync();
    }
}
