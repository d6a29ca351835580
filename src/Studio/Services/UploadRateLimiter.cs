using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>Per-user limit on character uploads (settings section Uploads).</summary>
public sealed class UploadRateLimiter(IOptions<UploadOptions> options)
    : PerUserRateLimiter(options.Value.PermitLimit, options.Value.Window)
{
    protected override Exception Refused(TimeSpan retryAfter) => new UploadRateLimitedException(retryAfter);
}
