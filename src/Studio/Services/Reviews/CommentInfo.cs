namespace DreamTuner.Studio.Services.Reviews;

/// <summary>A comment as a thread shows it; a deleted comment keeps its place but not its words.</summary>
public sealed record CommentInfo(
    Guid Id,
    Guid? ParentId,
    Guid? AuthorId,
    string AuthorName,
    string Body,
    double? PinX,
    double? PinY,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool IsDeleted,
    uint Version);
