using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>The project's generated images, newest first, with their settings on hover and click; for every member.</summary>
public sealed partial class GalleryPage
{
    private ProjectSummary? _project;
    private IReadOnlyList<GalleryImage> _images = [];
    private GalleryImage? _selected;
    private List<BreadcrumbItem> _breadcrumbs = [];

    /// <summary>The project's id, from the route.</summary>
    [Parameter]
    public Guid ProjectId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ProjectService Projects { get; set; } = default!;

    [Inject]
    private GalleryService Gallery { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string ImageUrl(Guid imageId) => $"projects/{ProjectId}/images/{imageId}";

    protected override async Task OnParametersSetAsync()
    {
        var userId = CurrentUser.RequireId((await AuthenticationState).User);
        try
        {
            _project = await Projects.GetAsync(ProjectId, userId);
            _images = await Gallery.ListAsync(ProjectId, userId);
            _breadcrumbs =
            [
                new BreadcrumbItem("Projects", "projects"),
                new BreadcrumbItem(_project.Name, $"projects/{ProjectId}"),
                new BreadcrumbItem("Gallery", null, disabled: true),
            ];
        }
        catch (ProjectNotFoundException)
        {
            _project = null;
            Navigation.NotFound();
        }
    }
}
