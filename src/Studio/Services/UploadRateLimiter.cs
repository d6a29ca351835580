using System.Threading.RateLimiting;
using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Per-user limit on uploads (a fixed window per user, from the ASP.NET Core rate-limiting library). Uploads
/// travel over the Blazor circuit rather than as HTTP requests, so the limiter is called by the upload
/// service itself instead of being attached to an endpoint.
/// </summary>
public sealed class UploadRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public UploadRateLimiter(IOptions<UploadOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.PermitLimit,
            Window = o.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one upload permit for the user or throws <see cref="UploadRateLimitedException"/> saying when to retry.</summary>
    public void Acquire(Guid userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
            return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        throw new UploadRateLimitedException(retryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}
