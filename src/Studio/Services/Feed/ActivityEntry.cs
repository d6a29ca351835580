using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.Feed;

/// <summary>One line of the activity feed with what it links to.</summary>
public sealed record ActivityEntry(Guid Id, ActivityKind Kind, string? UserName, string Summary, string? EntityType, Guid? EntityId, DateTimeOffset At);
