using System.Threading.RateLimiting;
using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Per-user limit on generation submissions (a fixed window per user), the same pattern as
/// <see cref="UploadRateLimiter"/> with its own settings (section Generation). Called by <see cref="GenerationService"/>,
/// so the page and the HTTP API share one budget.
/// </summary>
public sealed class GenerationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public GenerationRateLimiter(IOptions<GenerationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.PermitLimit,
            Window = o.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one permit for the user or throws <see cref="GenerationRateLimitedException"/> saying when to retry.</summary>
    public void Acquire(Guid userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
            return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        throw new GenerationRateLimitedException(retryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}
