namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// Runs where Debian's <c>redis-server</c> is installed; elsewhere the test is skipped and says how to enable it —
/// except in CI (.ci/run installs Redis and sets <see cref="RequireVariable"/>), where a missing binary must fail.
/// </summary>
public sealed class FactRequiringRedisAttribute : FactAttribute
{
    public const string RequireVariable = "DREAMTUNER_REQUIRE_REDIS";

    public FactRequiringRedisAttribute()
    {
        if (RedisServer.Binary is null && Environment.GetEnvironmentVariable(RequireVariable) != "1")
            Skip = "redis-server is not installed: apt-get install redis-server (.ci/run does, and sets " + RequireVariable + "=1)";
    }
}
