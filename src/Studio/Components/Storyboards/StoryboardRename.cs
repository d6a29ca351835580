namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>A rename asked for in a storyboard row: the new texts and the version (xmin) they were edited from.</summary>
public sealed record StoryboardRename(Guid StoryboardId, string Title, string? Description, uint Version);
