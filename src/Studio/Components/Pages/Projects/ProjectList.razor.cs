using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>The signed-in user's projects and a form to create one (its creator becomes Owner).</summary>
public partial class ProjectList
{
    private IReadOnlyList<ProjectSummary>? _projects;
    private NewProjectModel _form = new();
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ProjectService Projects { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var userId = CurrentUser.RequireId((await AuthenticationState).User);
        _projects = await Projects.ListForUserAsync(userId);
    }

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var userId = CurrentUser.RequireId((await AuthenticationState).User);
            var project = await Projects.CreateAsync(userId, _form.Name, _form.Description);
            Navigation.NavigateTo($"projects/{project.Id}");
        }
        catch (ProjectRuleException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
