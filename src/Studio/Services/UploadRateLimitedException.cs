using System.Globalization;

namespace DreamTuner.Studio.Services;

/// <summary>The user has used up their uploads for now; <see cref="RetryAfter"/> says when the next one is allowed.</summary>
public sealed class UploadRateLimitedException(TimeSpan retryAfter)
    : Exception($"Too many uploads in a short time: try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
