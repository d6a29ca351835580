using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>A member as the member list shows it.</summary>
public sealed record ProjectMemberInfo(Guid UserId, string UserName, string? Email, ProjectRole Role, DateTimeOffset JoinedAt);
