using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>The project's generated images, newest first, with their settings on hover and click; for every member.</summary>
public sealed partial class GalleryPage : ProjectPageBase
{

    private IReadOnlyList<GalleryImage> _images = [];
    private GalleryImage? _selected;





    [Inject]
    private GalleryService Gallery { get; set; } = default!;


    private string ImageUrl(Guid imageId) => $"projects/{ProjectId}/images/{imageId}";

    protected override string? PageTitle => "Gallery";

    protected override async Task LoadPageAsync()
    {
        _images = await Gallery.ListAsync(ProjectId, UserId);
    }
}
