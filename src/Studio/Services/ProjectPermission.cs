namespace DreamTuner.Studio.Services;

/// <summary>Something a member may want to do in a project; <see cref="ProjectPermissions"/> says which roles may.</summary>
public enum ProjectPermission
{
    View,
    Comment,
    Upload,
    FineTune,
    Generate,
    Review,
    ManageMembers,
    DeleteProject,
    EditStoryboards,
    ManageSettings,
    EditPoses,
}
