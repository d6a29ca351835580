namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>Someone saved the panel after it was loaded; nothing was written, and the message says what to do.</summary>
public sealed class PanelConflictException()
    : Exception("Someone else saved this panel while you were editing it. Your text is still here: compare it with theirs, then save again to keep yours.");
