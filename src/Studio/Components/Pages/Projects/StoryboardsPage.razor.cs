using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>The project's storyboards; Editors and Owners create new ones.</summary>
public sealed partial class StoryboardsPage : ProjectPageBase
{
    private IReadOnlyList<StoryboardSummary> _boards = [];
    private string? _title;
    private string? _description;
    private string? _error;

    [Inject]
    private StoryboardService Storyboards { get; set; } = default!;

    protected override string? PageTitle => "Storyboards";

    private bool CanEdit => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.EditStoryboards);

    protected override async Task LoadPageAsync() => _boards = await Storyboards.ListAsync(ProjectId, UserId);

    private async Task CreateAsync()
    {
        _error = null;
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
}
