namespace DreamTuner.Studio.Services.Collaboration;

/// <summary>What changed; viewers reload the part of the page it names.</summary>
public enum CollaborationChangeKind
{
    /// <summary>A verdict or star rating of an image changed.</summary>
    Review,

    /// <summary>A comment on an image was posted, edited or deleted.</summary>
    Comment,

    /// <summary>The recipient was @mentioned.</summary>
    Notification,

    /// <summary>A storyboard or one of its panels changed.</summary>
    Storyboard,

    /// <summary>A new line in the project's activity feed.</summary>
    Activity,

    /// <summary>Someone opened or left a page of the project.</summary>
    Presence,

    /// <summary>Someone is typing a comment on an image.</summary>
    Typing,
}
