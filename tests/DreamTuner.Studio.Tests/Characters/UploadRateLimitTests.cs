using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.Tests.Characters;

public sealed class UploadRateLimitTests
{
    [Fact]
    public void Uploads_beyond_the_limit_are_refused_with_when_to_retry_and_other_users_are_unaffected()
    {
        using var limiter = new UploadRateLimiter(Microsoft.Extensions.Options.Options.Create(new UploadOptions { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) }));
        var alice = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
            limiter.Acquire(alice);

        var e = Assert.Throws<UploadRateLimitedException>(() => limiter.Acquire(alice));
        Assert.InRange(e.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Matches(@"try again in \d+ s", e.Message);
        limiter.Acquire(Guid.NewGuid());
    }
}
