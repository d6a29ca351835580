using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>The one table of who may do what: Viewer looks and comments, Editor also creates, Owner also manages.</summary>
public static class ProjectPermissions
{
    public static bool Allows(ProjectRole role, ProjectPermission permission) => permission switch
    {
        ProjectPermission.View or ProjectPermission.Comment => true,
        ProjectPermission.Upload or ProjectPermission.FineTune or ProjectPermission.Generate or ProjectPermission.Review
            or ProjectPermission.EditStoryboards or ProjectPermission.EditPoses
            => role is ProjectRole.Editor or ProjectRole.Owner,
        ProjectPermission.ManageMembers or ProjectPermission.DeleteProject or ProjectPermission.ManageSettings => role is ProjectRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "unknown permission"),
    };

    /// <summary>Words for a refusal ("upload images").</summary>
    public static string Describe(ProjectPermission permission) => permission switch
    {
        ProjectPermission.View => "view this project",
        ProjectPermission.Comment => "comment",
        ProjectPermission.Upload => "upload images or create characters",
        ProjectPermission.FineTune => "start fine-tuning",
        ProjectPermission.Generate => "generate images",
        ProjectPermission.Review => "review images",
        ProjectPermission.ManageMembers => "manage members",
        ProjectPermission.DeleteProject => "delete the project",
        ProjectPermission.EditStoryboards => "edit storyboards",
        ProjectPermission.ManageSettings => "change the project's settings",
        ProjectPermission.EditPoses => "save or delete poses",
        _ => permission.ToString(),
    };
}
