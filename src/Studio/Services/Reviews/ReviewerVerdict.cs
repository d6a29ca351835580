using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.Reviews;

/// <summary>One member's verdict and stars on an image.</summary>
public sealed record ReviewerVerdict(Guid UserId, string UserName, ReviewVerdict Verdict, int Rating, DateTimeOffset UpdatedAt);
