using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.JobGroups;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.JobGroups;

/// <summary>The storyboard page's render groups (newest first) and "Re-render all panels of a character" for this storyboard.</summary>
public sealed partial class StoryboardRenders : ComponentBase
{
    private List<Guid> _groups = [];
    private string? _character;
    private string? _error;

    /// <summary>The project. Required.</summary>
    [Parameter, EditorRequired]
    public Guid ProjectId { get; set; }

    /// <summary>The storyboard. Required.</summary>
    [Parameter, EditorRequired]
    public Guid StoryboardId { get; set; }

    /// <summary>The signed-in user. Required.</summary>
    [Parameter, EditorRequired]
    public Guid UserId { get; set; }

    /// <summary>Whether the user may queue renders (Editors and Owners). Default: false.</summary>
    [Parameter]
    public bool CanRender { get; set; }

    /// <summary>The project's characters, for the re-render choice. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<PanelCharacter> Characters { get; set; } = [];

    /// <summary>Raised when a group's generations change state, so the page reloads its panels' takes. Default: none.</summary>
    [Parameter]
    public EventCallback OnProgress { get; set; }

    [Inject]
    private JobGroupService Groups { get; set; } = default!;

    [Inject]
    private PanelRenderService Renders { get; set; } = default!;

    protected override async Task OnInitializedAsync() =>
        _groups = [.. (await Groups.ListAsync(ProjectId, UserId, storyboardId: StoryboardId)).Select(g => g.Id)];

    /// <summary>Puts a group queued elsewhere on the page (a panel's "Render panel") at the top.</summary>
    public void Show(Guid groupId)
    {
        if (!_groups.Contains(groupId))
            _groups.Insert(0, groupId);
        StateHasChanged();
    }

    private async Task RerenderAsync()
    {
        _error = null;
        if (!Guid.TryParse(_character, out var characterId))
            return;
        try
        {
            var group = await Renders.RerenderCharacterAsync(ProjectId, characterId, UserId, StoryboardId, new PanelRenderOptions());
            Show(group.Id);
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException or GenerationRateLimitedException)
        {
            _error = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _error = "That character no longer exists.";
        }
    }
}
