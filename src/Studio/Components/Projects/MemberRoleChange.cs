using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Components.Projects;

/// <summary>An Owner's request to give a member another role.</summary>
public sealed record MemberRoleChange(Guid UserId, ProjectRole Role);
