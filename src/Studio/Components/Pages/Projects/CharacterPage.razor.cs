using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>One character: its reference image with the mask overlay, its token and class word, and its training. Non-members get NotFound.</summary>
public partial class CharacterPage
{
    private CharacterInfo? _character;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private bool _canEdit;
    private SubjectCrop? _crop;
    private bool _paintingMask;
    private string? _maskError;
    private Guid _userId;

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

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string ImageUrl => $"projects/{ProjectId}/characters/{CharacterId}/image";

    // The hash in the query makes a repainted mask a new URL, so the browser's cached copy of the old one is not shown.
    private string? MaskUrl => _character is { HasMask: true } c
        ? $"projects/{ProjectId}/characters/{CharacterId}/mask?v={c.MaskHash?[..Math.Min(12, c.MaskHash.Length)]}"
        : null;

    protected override async Task OnParametersSetAsync()
    {
        var userId = CurrentUser.RequireId((await AuthenticationState).User);
        _userId = userId;
        try
        {
            var project = await Projects.GetAsync(ProjectId, userId);
            _canEdit = ProjectPermissions.Allows(project.Role, ProjectPermission.Upload);
            _character = await Characters.GetAsync(ProjectId, CharacterId, userId);
            _crop = await Characters.GetSubjectCropAsync(ProjectId, CharacterId, userId);
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

    private async Task SaveMaskAsync(Stream png)
    {
        _maskError = null;
        try
        {
            _character = await Characters.SaveMaskAsync(ProjectId, CharacterId, _userId, png);
            _crop = await Characters.GetSubjectCropAsync(ProjectId, CharacterId, _userId);
            _paintingMask = false;
            Snackbar.Add("Mask saved. The reference image is unchanged.", Severity.Success);
        }
        catch (Exception e) when (e is Images.ImageRejectedException)
        {
            _maskError = $"Not saved: {e.Message}.";
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _maskError = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            Navigation.NotFound();
        }
    }
}
