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
}
