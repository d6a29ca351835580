using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.JobGroups;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.JobGroups;

/// <summary>The character page's "Re-render all panels of X" (every storyboard of the project) and its earlier re-renders.</summary>
public sealed partial class CharacterRerender : ComponentBase
{
    private List<Guid> _groups = [];
    private string? _error;

    /// <summary>The project. Required.</summary>
    [Parameter, EditorRequired]
    public Guid ProjectId { get; set; }

    /// <summary>The character. Required.</summary>
    [Parameter, EditorRequired]
    public Guid CharacterId { get; set; }

    /// <summary>Its name, for the button. Default: empty.</summary>
    [Parameter]
    public string Name { get; set; } = "";

    /// <summary>The signed-in user. Required.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>Whether the user may queue renders (Editors and Owners). Default: false.</summary>
    [Parameter]
    public bool CanRender { get; set; }

    [Inject]
    private JobGroupService Groups { get; set; } = default!;

    [Inject]
    private PanelRenderService Renders { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (UserId == Guid.Empty)
            return;
        _groups = [.. (await Groups.ListAsync(ProjectId, UserId, characterId: CharacterId, take: 5)).Select(g => g.Id)];
    }

    private async Task RerenderAsync()
    {
        _error = null;
        try
        {
            var group = await Renders.RerenderCharacterAsync(ProjectId, CharacterId, UserId, storyboardId: null, new PanelRenderOptions());
            _groups.Insert(0, group.Id);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or GenerationRateLimitedException)
        {
            _error = e.Message;
        }
    }
}
