using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Compare;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// <c>/projects/{id}/compare?images=a,b,c</c>: the references of the characters used, then two to four takes side by
/// side, with their settings diffed. Every member may look; an image outside the project is the 404 page.
/// </summary>
public sealed partial class ComparePage : ProjectPageBase
{
    private CompareSet? _set;
    private string? _error;

    /// <summary>The images to compare, comma-separated ids in the order to show them.</summary>
    [SupplyParameterFromQuery(Name = "images")]
    public string? Images { get; set; }

    [Inject]
    private CompareService Compare { get; set; } = default!;

    protected override string? PageTitle => "Compare";

    private bool CanGenerate => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Generate);

    protected override async Task LoadPageAsync()
    {
        _set = null;
        _error = null;
        var ids = CompareService.ParseIds(Images);
        if (ids is null)
        {
            _error = "The link names something that is not an image.";
            return;
        }

        try
        {
            _set = await Compare.LoadAsync(ProjectId, ids, UserId);
        }
        catch (ProjectRuleException e)
        {
            _error = e.Message;
        }
    }

    private string ImageUrl(Guid imageId) => $"projects/{ProjectId}/images/{imageId}";
}
