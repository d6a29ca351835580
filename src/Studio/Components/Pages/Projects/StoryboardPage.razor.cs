using DreamTuner.Studio.Components.JobGroups;
using DreamTuner.Studio.Components.Storyboards;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.JobGroups;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// One storyboard: its panels in order, edited by Editors and Owners (text, cast, take; insert, delete, drag or
/// arrow-button reorder), read by everyone; other people's edits show up live.
/// </summary>
public sealed partial class StoryboardPage : ProjectPageBase, IAsyncDisposable
{
    private StoryboardDetails? _board;
    private IReadOnlyList<PanelCharacter> _characters = [];
    private IReadOnlyList<PanelTake> _approved = [];
    private IReadOnlyList<ProjectViewer> _viewers = [];
    private readonly Dictionary<Guid, string> _conflicts = [];
    private readonly Dictionary<Guid, IReadOnlyList<PanelVersionInfo>> _histories = [];
    private string? _error;
    private Guid? _dragged;
    private IDisposable? _subscription;
    private IDisposable? _presenceSubscription;
    private IAsyncDisposable? _presence;
    private bool _subscribed;
    private IReadOnlySet<Guid> _continuity = new HashSet<Guid>();
    private StoryboardRenders? _renders;

    /// <summary>The storyboard's id, from the route.</summary>
    [Parameter]
    public Guid StoryboardId { get; set; }

    [Inject]
    private StoryboardService Storyboards { get; set; } = default!;

    [Inject]
    private CharacterService CharacterList { get; set; } = default!;

    [Inject]
    private CollaborationUpdates Updates { get; set; } = default!;

    [Inject]
    private PresenceTracker Presence { get; set; } = default!;

    [Inject]
    private PanelRenderService Renders { get; set; } = default!;

    protected override string? PageTitle => _board?.Title ?? "Storyboard";

    private bool CanEdit => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.EditStoryboards);

    private bool CanRender => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Generate);

    protected override async Task LoadPageAsync()
    {
        await ReloadAsync();
        _characters = [.. (await CharacterList.ListAsync(ProjectId, UserId)).Select(c => new PanelCharacter(c.Id, c.Name))];
        _approved = await Storyboards.ApprovedImagesAsync(ProjectId, UserId);
        _viewers = Presence.Viewers(ProjectId);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not "firstRender": the first render can come before the async load finishes, and that render would never subscribe.
        if (_subscribed || _board is null)
            return;
        _subscribed = true;
        _subscription = Updates.Subscribe(StoryboardId, change => _ = InvokeAsync(ReloadFromPushAsync));
        _presenceSubscription = Updates.Subscribe(ProjectId, change =>
        {
            if (change.Kind == CollaborationChangeKind.Presence)
                _ = InvokeAsync(() => { _viewers = Presence.Viewers(ProjectId); StateHasChanged(); });
        });
        _presence = await Presence.JoinAsync(ProjectId, UserId, (await AuthenticationState).User.Identity?.Name ?? "");
        // Whatever changed between the load and the subscription.
        await ReloadAsync();
        _viewers = Presence.Viewers(ProjectId);
        StateHasChanged();
    }

    private async Task ReloadFromPushAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NotFound();
        }

        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        _board = await Storyboards.GetAsync(ProjectId, StoryboardId, UserId);
        _continuity = await Renders.PanelsUsingPreviousTakeAsync(ProjectId, StoryboardId, UserId);
    }

    private Task RenderAsync(Guid panelId) => ActAsync(async () =>
    {
        var group = await Renders.RenderPanelAsync(ProjectId, StoryboardId, panelId, UserId, new PanelRenderOptions());
        _renders?.Show(group.Id);
    });

    private Task SetContinuityAsync(PanelContinuity change) =>
        ActAsync(() => Renders.SetUsePreviousTakeAsync(ProjectId, StoryboardId, change.PanelId, UserId, change.UsePreviousTake));

    private async Task SaveAsync(PanelSave save)
    {
        _conflicts.Remove(save.PanelId);
        try
        {
            await Storyboards.UpdatePanelAsync(ProjectId, StoryboardId, save.PanelId, UserId, save.Edit, save.Version);
        }
        catch (PanelConflictException e)
        {
            _conflicts[save.PanelId] = e.Message;
        }

        await ActAsync(() => Task.CompletedTask);
    }

    private Task MoveAsync(PanelMove move) => ActAsync(() => Storyboards.MovePanelAsync(ProjectId, StoryboardId, move.PanelId, UserId, move.NewIndex));

    private Task InsertAsync(int index) => ActAsync(() => Storyboards.AddPanelAsync(ProjectId, StoryboardId, UserId, index));

    private Task DeleteAsync(Guid panelId) => ActAsync(() => Storyboards.DeletePanelAsync(ProjectId, StoryboardId, panelId, UserId));

    private Task ChooseTakeAsync(PanelTakeChoice choice) => ActAsync(async () =>
    {
        await Storyboards.ChooseTakeAsync(ProjectId, StoryboardId, choice.PanelId, UserId, choice.ImageId);
        if (_histories.ContainsKey(choice.PanelId))
            _histories[choice.PanelId] = await Storyboards.HistoryAsync(ProjectId, choice.PanelId, UserId);
    });

    private async Task ToggleHistoryAsync(Guid panelId)
    {
        if (!_histories.Remove(panelId))
            await ActAsync(async () => _histories[panelId] = await Storyboards.HistoryAsync(ProjectId, panelId, UserId));
    }

    private async Task DropOnAsync(Guid targetId)
    {
        if (_dragged is not { } dragged || dragged == targetId || _board is null)
            return;
        _dragged = null;
        var to = _board.Panels.ToList().FindIndex(p => p.Id == targetId);
        if (to >= 0)
            await MoveAsync(new PanelMove(dragged, to));
    }

    private async Task ActAsync(Func<Task> action)
    {
        _error = null;
        try
        {
            await action();
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or GenerationRateLimitedException)
        {
            _error = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _error = "That panel or image no longer exists; the storyboard was reloaded.";
        }

        await ReloadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _presenceSubscription?.Dispose();
        if (_presence is not null)
            await _presence.DisposeAsync();
    }
}
