namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>Someone changed the storyboard after it was loaded; the rename was not written.</summary>
public sealed class StoryboardConflictException()
    : Exception("Someone else changed this storyboard while you were renaming it. Its current title is shown now: rename it again if you still want to.");
