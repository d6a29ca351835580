namespace DreamTuner.Studio.Services.Collaboration;

/// <summary>
/// One push to everyone viewing the thing it is about. It carries ids, not data: receivers reload through the
/// services, so a push can never show a viewer something their role would not let them load.
/// </summary>
/// <param name="Kind">What changed.</param>
/// <param name="ProjectId">The project it happened in.</param>
/// <param name="ImageId">The image, for reviews, comments and typing.</param>
/// <param name="StoryboardId">The storyboard, for storyboard edits.</param>
/// <param name="ActorId">Who did it.</param>
/// <param name="ActorName">Their user name, for "bob is typing…".</param>
/// <param name="RecipientId">For notifications: who is told.</param>
/// <param name="Text">A short human summary ("bob commented").</param>
public sealed record CollaborationChange(
    CollaborationChangeKind Kind,
    Guid ProjectId,
    Guid? ImageId = null,
    Guid? StoryboardId = null,
    Guid? ActorId = null,
    string? ActorName = null,
    Guid? RecipientId = null,
    string? Text = null)
{
    /// <summary>The keys subscribers may listen on: the project, the image, the storyboard and the recipient.</summary>
    public IEnumerable<Guid> Keys()
    {
        yield return ProjectId;
        if (ImageId is { } image) yield return image;
        if (StoryboardId is { } storyboard) yield return storyboard;
        if (RecipientId is { } recipient) yield return recipient;
    }
}
