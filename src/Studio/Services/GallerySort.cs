namespace DreamTuner.Studio.Services;

/// <summary>
/// The gallery's order. Score orders put the best first and images without that score last (newest first among equals),
/// so a project whose images were never scored still reads as a timeline.
/// </summary>
public enum GallerySort
{
    Newest,
    Identity,
    Prompt,
}
