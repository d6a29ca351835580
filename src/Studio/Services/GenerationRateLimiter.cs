using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Per-user limit on generation submissions (settings section Generation). Called by <see cref="GenerationService"/>,
/// so the page and the HTTP API share one budget.
/// </summary>
public sealed class GenerationRateLimiter(IOptions<GenerationOptions> options)
    : PerUserRateLimiter(options.Value.PermitLimit, options.Value.Window)
{
    protected override Exception Refused(TimeSpan retryAfter) => new GenerationRateLimitedException(retryAfter);
}
