using DreamTuner.Data.Poses;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Poses;
using DreamTuner.Studio.Services.Storyboards;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Pages.Projects;

/// <summary>
/// The project's pose library beside the pose editor: every member sees the saved poses and their control images;
/// Editors and Owners edit, save (names unique per project), delete, and put a pose on a storyboard panel. "Use this
/// pose" opens Generate with the pose as its control image.
/// </summary>
public sealed partial class PosesPage : ProjectPageBase
{
    private IReadOnlyList<SavedPoseInfo> _poses = [];
    private IReadOnlyList<StoryboardSummary> _boards = [];
    private IReadOnlyList<PanelDetails> _panels = [];
    private BodyPose _pose = PosePresets.Standing;
    private BodyPose _resetPose = PosePresets.Standing;
    private Guid? _currentId;
    private string? _savedName;
    private string? _name;
    private Guid? _boardId;
    private Guid? _panelId;
    private int _editorKey;
    private bool _saving;
    private string? _error;
    private string? _notice;

    [Inject]
    private PoseService Poses { get; set; } = default!;

    [Inject]
    private PanelPoseService PanelPoses { get; set; } = default!;

    [Inject]
    private StoryboardService Storyboards { get; set; } = default!;

    protected override string? PageTitle => "Poses";

    private bool CanEdit => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.EditPoses);

    private bool CanGenerate => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.Generate);

    private bool CanEditStoryboards => Project is not null && ProjectPermissions.Allows(Project.Role, ProjectPermission.EditStoryboards);

    protected override async Task LoadPageAsync()
    {
        _poses = await Poses.ListAsync(ProjectId, UserId);
        _boards = await Storyboards.ListAsync(ProjectId, UserId);
    }

    private string ControlUrl(SavedPoseInfo pose, int side) =>
        $"projects/{ProjectId}/poses/{pose.Id}/control.png?width={side}&height={side}&v={pose.UpdatedAt.UtcTicks}";

    private void OnPoseChanged(BodyPose pose) => _pose = pose;

    private void NewPose()
    {
        Show(null, null, PosePresets.Standing);
        _notice = null;
    }

    private void Open(SavedPoseInfo pose)
    {
        Show(pose.Id, pose.Name, pose.Pose);
        _notice = null;
    }

    /// <summary>A new editor instance (new key) so the canvas starts from the opened pose with nothing selected.</summary>
    private void Show(Guid? id, string? name, BodyPose pose)
    {
        _currentId = id;
        _savedName = name;
        _name = name;
        _pose = pose;
        _resetPose = pose;
        _error = null;
        _editorKey++;
    }

    private async Task SaveAsync(bool asNew)
    {
        _saving = true;
        _error = null;
        _notice = null;
        try
        {
            var saved = await Poses.SaveAsync(ProjectId, UserId, _name ?? "", _pose, asNew ? null : _currentId);
            _poses = await Poses.ListAsync(ProjectId, UserId);
            _currentId = saved.Id;
            _savedName = saved.Name;
            _name = saved.Name;
            _resetPose = saved.Pose;
            _notice = $"Saved \"{saved.Name}\".";
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _error = "That pose was deleted meanwhile; Save as new keeps your edits.";
            _currentId = null;
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeleteAsync(SavedPoseInfo pose)
    {
        _error = null;
        _notice = null;
        try
        {
            await Poses.DeleteAsync(ProjectId, pose.Id, UserId);
            _notice = $"Deleted \"{pose.Name}\".";
        }
        catch (ProjectForbiddenException e)
        {
            _error = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            // Someone else deleted it first: the list below is what is left.
        }
        if (pose.Id == _currentId)
        {
            _currentId = null;
            _savedName = null;
        }
        _poses = await Poses.ListAsync(ProjectId, UserId);
    }

    private async Task ChooseBoardAsync(Guid? boardId)
    {
        _boardId = boardId;
        _panelId = null;
        _panels = [];
        if (boardId is not { } id)
            return;
        try
        {
            _panels = (await Storyboards.GetAsync(ProjectId, id, UserId)).Panels;
        }
        catch (ProjectNotFoundException)
        {
            _error = "That storyboard is gone.";
        }
    }

    private async Task UseOnPanelAsync()
    {
        if (_currentId is not { } poseId || _boardId is not { } boardId || _panelId is not { } panelId)
            return;
        _error = null;
        _notice = null;
        try
        {
            await PanelPoses.UseAsync(ProjectId, boardId, panelId, UserId, poseId);
            var order = _panels.FirstOrDefault(p => p.Id == panelId)?.OrderIndex + 1;
            _notice = $"Panel {order} now uses \"{_savedName}\" as its pose.";
        }
        catch (Exception e) when (e is ProjectRuleException or ProjectForbiddenException)
        {
            _error = e.Message;
        }
        catch (ProjectNotFoundException)
        {
            _error = "That panel or pose is gone.";
        }
    }
}
