using DreamTuner.Studio.Components.Storyboards;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// The project's storyboards, updated live; Editors and Owners create, rename and delete them (delete asks first and
/// can be undone for a few seconds, like a gallery delete).
/// </summary>
public sealed partial class StoryboardsPage : ProjectPageBase, IDisposable
{
    private IReadOnlyList<StoryboardSummary> _boards = [];
    private string? _title;
    private string? _description;
    private string? _error;
    private bool _creating;
    private IDisposable? _subscription;

    [Inject]
    private StoryboardService Storyboards { get; set; } = default!;

    [Inject]
    private StoryboardDeletionQueue Deletions { get; set; } = default!;

    [Inject]
    private CollaborationUpdates Updates { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override string? PageTitle => "Storyboards";

    private bool CanEdit => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.EditStoryboards);

    protected override async Task LoadPageAsync() => _boards = await Storyboards.ListAsync(ProjectId, UserId);

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
            return;
        // After first render only: the prerendered pass has no circuit to push to.
        _subscription = Updates.Subscribe(ProjectId, change =>
        {
            if (change.Kind == CollaborationChangeKind.Storyboard)
                _ = InvokeAsync(ReloadAsync);
        });
    }

    private async Task ReloadAsync()
    {
        try
        {
            _boards = await Storyboards.ListAsync(ProjectId, UserId);
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NotFound(); // removed from the project meanwhile
        }

        StateHasChanged();
    }

    private async Task CreateAsync()
    {
        _error = null;
        _creating = true;
        try
        {
            var board = await Storyboards.CreateAsync(ProjectId, UserId, _title ?? "", _description);
            Navigation.NavigateTo($"projects/{ProjectId}/storyboards/{board.Id}");
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
        }
    }

    private async Task RenameAsync(StoryboardRename rename)
    {
        _error = null;
        _creating = false;
        try
        {
            await Storyboards.RenameAsync(ProjectId, rename.StoryboardId, UserId, rename.Title, rename.Description, rename.Version);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or StoryboardConflictException)
        {
            _error = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _error = "That storyboard was deleted meanwhile.";
        }

        _boards = await Storyboards.ListAsync(ProjectId, UserId);
    }

    private async Task DeleteAsync(Guid storyboardId)
    {
        _error = null;
        _creating = false;
        var title = _boards.FirstOrDefault(b => b.Id == storyboardId)?.Title ?? "Storyboard";
        try
        {
            await Storyboards.DeleteAsync(ProjectId, storyboardId, UserId);
        }
        catch (ProjectForbiddenException e)
        {
            _error = e.Message;
            return;
        }
        catch (ProjectNotFoundException)
        {
            // Someone else deleted it first: the list catches up.
        }

        _boards = [.. _boards.Where(b => b.Id != storyboardId)];
        Snackbar.Add($"Storyboard “{title}” deleted.", Severity.Normal, config =>
        {
            config.Action = "Undo";
            config.ActionColor = Color.Primary;
            config.RequireInteraction = false;
            config.VisibleStateDuration = (int)Deletions.UndoWindow.TotalMilliseconds;
            config.OnClick = _ => UndoAsync(storyboardId);
        }, key: $"deleted-storyboard-{storyboardId}");
    }

    private async Task UndoAsync(Guid storyboardId)
    {
        if (!await Storyboards.UndoDeleteAsync(ProjectId, storyboardId, UserId))
            Snackbar.Add("Too late: the storyboard is already gone.", Severity.Warning);
        await ReloadAsync();
    }

    public void Dispose() => _subscription?.Dispose();
}
