namespace DreamTuner.Studio.Services;

/// <summary>
/// What the gallery shows; every null field means "any". Dates are whole UTC days, both ends included.
/// <see cref="Sort"/> orders what passes the filters.
/// </summary>
public sealed record GalleryFilter(
    Guid? CharacterId = null,
    Guid? RequestedById = null,
    DateOnly? From = null,
    DateOnly? To = null,
    GalleryStatus? Status = null,
    GallerySort Sort = GallerySort.Newest)
{
    public static GalleryFilter None { get; } = new();
}
