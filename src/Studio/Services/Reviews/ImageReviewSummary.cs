namespace DreamTuner.Studio.Services.Reviews;

/// <summary>Every reviewer's verdict on an image, the mean of their stars, and the asking user's own review.</summary>
public sealed record ImageReviewSummary(IReadOnlyList<ReviewerVerdict> Reviews, double? AverageRating, ReviewerVerdict? Mine)
{
    public int Count(Data.Entities.ReviewVerdict verdict) => Reviews.Count(r => r.Verdict == verdict);
}
