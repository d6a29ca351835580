namespace DreamTuner.Data.Entities;

/// <summary>What an activity-log row records; stored as text, so adding a kind needs no migration.</summary>
public enum ActivityKind
{
    ProjectCreated,
    ProjectUpdated,
    MemberAdded,
    MemberRoleChanged,
    MemberRemoved,
    CharacterCreated,
    CharacterUpdated,
    CharacterDeleted,
    FineTuneQueued,
    FineTuneFinished,
    GenerationQueued,
    GenerationFinished,
    GenerationCancelled,
    ImageReviewed,
    CommentPosted,
    CommentEdited,
    CommentDeleted,
    StoryboardCreated,
    StoryboardUpdated,
    PanelImageChosen,

    /// <summary>A notification, not an audit line: UserId is the member who was @mentioned (the recipient), EntityId the comment.</summary>
    UserMentioned,
    PanelAdded,
    PanelEdited,
    PanelMoved,
    PanelDeleted,
    StoryboardDeleted,
}
