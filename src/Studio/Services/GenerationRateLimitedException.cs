using System.Globalization;

namespace DreamTuner.Studio.Services;

/// <summary>The user has submitted too many generations for now; <see cref="RetryAfter"/> says when the next one is allowed.</summary>
public sealed class GenerationRateLimitedException(TimeSpan retryAfter)
    : Exception($"Too many generations in a short time: try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
