namespace DreamTuner.Studio.Services.Reviews;

/// <summary>A new comment: its text, the comment it answers (if any) and the point of the image it is pinned to (if any).</summary>
/// <param name="PinX">Fraction of the image width, in [0, 1]; given together with <paramref name="PinY"/>.</param>
/// <param name="PinY">Fraction of the image height, in [0, 1].</param>
public sealed record CommentDraft(string Body, Guid? ParentId = null, double? PinX = null, double? PinY = null);
