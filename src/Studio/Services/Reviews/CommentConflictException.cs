namespace DreamTuner.Studio.Services.Reviews;

/// <summary>Someone changed the comment since it was loaded; the message is for the user, and nothing was overwritten.</summary>
public sealed class CommentConflictException()
    : Exception("This comment was changed by someone else meanwhile. Your text is kept; reload to see theirs.");
