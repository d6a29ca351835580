using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Components.Projects;

/// <summary>An Owner's request to add a user (by user name or e-mail) with a role.</summary>
public sealed record MemberInvite(string UserNameOrEmail, ProjectRole Role);
