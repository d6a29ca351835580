using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// What every page under <c>/projects/{id}</c> does first: find the signed-in user, load the project through the
/// membership check (a non-member gets the 404 page, never a hint that the project exists), then the page's own data,
/// and the breadcrumbs.
/// </summary>
public abstract class ProjectPageBase : ComponentBase
{
    /// <summary>The project's id, from the route.</summary>
    [Parameter]
    public Guid ProjectId { get; set; }

    [CascadingParameter]
    protected Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    protected ProjectService Projects { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The project as the user may see it; null until loaded or when it is not theirs.</summary>
    protected ProjectSummary? Project { get; set; }

    protected Guid UserId { get; private set; }

    protected List<BreadcrumbItem> Breadcrumbs { get; private set; } = [];

    /// <summary>The last breadcrumb ("Generate", "Gallery"); null on the project page itself.</summary>
    protected virtual string? PageTitle => null;

    /// <summary>Loads the page's own data once the project is known to be visible to the user.</summary>
    protected abstract Task LoadPageAsync();

    protected override async Task OnParametersSetAsync()
    {
        UserId = CurrentUser.RequireId((await AuthenticationState).User);
        try
        {
            Project = await Projects.GetAsync(ProjectId, UserId);
            await LoadPageAsync();
            Breadcrumbs = PageTitle is null
                ? []
                :
                [
                    new BreadcrumbItem("Projects", "projects"),
                    new BreadcrumbItem(Project.Name, $"projects/{ProjectId}"),
                    new BreadcrumbItem(PageTitle, null, disabled: true),
                ];
        }
        catch (ProjectNotFoundException)
        {
            Project = null;
            Navigation.NotFound();
        }
    }
}
