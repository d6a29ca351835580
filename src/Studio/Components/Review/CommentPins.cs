using DreamTuner.Studio.Services.Reviews;

namespace DreamTuner.Studio.Components.Review;

/// <summary>Numbers the pinned, not deleted comments 1, 2, ... in posting order, for the image and the thread alike.</summary>
public static class CommentPins
{
    public static IReadOnlyList<ImagePin> Of(IEnumerable<CommentInfo> comments)
        => [.. comments.Where(c => !c.IsDeleted && c.PinX is not null && c.PinY is not null)
            .Select((c, i) => new ImagePin(i + 1, c.PinX!.Value, c.PinY!.Value, c.Id))];
}
