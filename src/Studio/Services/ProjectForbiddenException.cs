using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>A member whose role does not allow the action; safe to show, since members know the project exists.</summary>
public sealed class ProjectForbiddenException(ProjectRole role, ProjectPermission permission)
    : Exception($"Your role ({role}) does not allow you to {ProjectPermissions.Describe(permission)}.")
{
    public ProjectRole Role { get; } = role;

    public ProjectPermission Permission { get; } = permission;
}
