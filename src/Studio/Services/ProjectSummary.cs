using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>A project as its member sees it in lists and headers.</summary>
public sealed record ProjectSummary(Guid Id, string Name, string? Description, ProjectRole Role, int MemberCount, int CharacterCount, DateTimeOffset UpdatedAt);
