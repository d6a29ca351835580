using System.Threading.RateLimiting;

namespace DreamTuner.Studio.Services;

/// <summary>
/// A fixed window of permits per user (ASP.NET Core's rate-limiting library). Work that travels over the Blazor
/// circuit is not an HTTP request, so the services call this themselves instead of attaching endpoint policies;
/// each kind of work has its own subclass, budget and "try again" exception.
/// </summary>
public abstract class PerUserRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;
    private readonly int _permitLimit;

    protected PerUserRateLimiter(int permitLimit, TimeSpan window)
    {
        _permitLimit = permitLimit;
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one permit for the user or throws the subclass's exception saying when to retry.</summary>
    public void Acquire(Guid userId) => Acquire(userId, 1);

    /// <summary>
    /// Takes <paramref name="permits"/> at once (a group of jobs costs what its jobs would alone), or none and throws.
    /// More than one window holds is a <see cref="ProjectRuleException"/>: waiting would not help.
    /// </summary>
    public void Acquire(Guid userId, int permits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        if (permits > _permitLimit)
            throw new ProjectRuleException($"That is {permits} jobs at once; the limit is {_permitLimit} per person in each time window.");
        using var lease = _limiter.AttemptAcquire(userId, permits);
        if (lease.IsAcquired)
            return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        throw Refused(retryAfter);
    }

    protected abstract Exception Refused(TimeSpan retryAfter);

    public void Dispose()
    {
        _limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}
