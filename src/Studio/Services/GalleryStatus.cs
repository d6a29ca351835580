namespace DreamTuner.Studio.Services;

/// <summary>The review state the gallery can filter by: none yet, or at least one review with that verdict.</summary>
public enum GalleryStatus
{
    Unreviewed,
    Approved,
    Rejected,
    NeedsChanges,
}
