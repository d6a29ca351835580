namespace DreamTuner.Studio.Components.Review;

/// <summary>An author's new text for their comment and the version (xmin) it was edited from.</summary>
public sealed record CommentEdit(Guid CommentId, string Body, uint Version);
