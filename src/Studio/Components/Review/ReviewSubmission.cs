using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Components.Review;

/// <summary>A verdict with its stars, as the review bar submits it.</summary>
public sealed record ReviewSubmission(ReviewVerdict Verdict, int Rating);
