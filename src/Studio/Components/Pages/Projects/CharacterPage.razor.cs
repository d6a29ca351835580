using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>One character: its reference image with the mask overlay, its token and class word. Non-members get NotFound.</summary>
public partial class CharacterPage
{
    private CharacterInfo? _character;
    private List<BreadcrumbItem> _breadcrumbs = [];

    /// <summary>The project's id, from the route.</summary>
    [Parameter]
    public Guid ProjectId { get; set; }

    /// <summary>The character's id, from the route.</summary>
    [Parameter]
    public Guid CharacterId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ProjectService Projects { get; set; } = default!;

    [Inject]
    private CharacterService Characters { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string ImageUrl => $"projects/{ProjectId}/characters/{CharacterId}/image";

    private string? MaskUrl => _character is { HasMask: true } ? $"projects/{ProjectId}/characters/{CharacterId}/mask" : null;

    protected override async Task OnParametersSetAsync()
    {
        var userId = CurrentUser.RequireId((await AuthenticationState).User);
        try
        {
            var project = await Projects.GetAsync(ProjectId, userId);
            _character = await Characters.GetAsync(ProjectId, CharacterId, userId);
            _breadcrumbs =
            [
                new BreadcrumbItem("Projects", "projects"),
                new BreadcrumbItem(project.Name, $"projects/{ProjectId}"),
                new BreadcrumbItem(_character.Name, null, disabled: true),
            ];
        }
        catch (ProjectNotFoundException)
        {
            _character = null;
            Navigation.NotFound();
        }
    }
}
