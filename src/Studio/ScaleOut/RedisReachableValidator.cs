using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DreamTuner.Studio.ScaleOut;

/// <summary>
/// At start, a configured Redis must answer. The studio refuses to start otherwise (exit code 2 with one line) rather
/// than warn: behind a load balancer, a studio without its backplane still serves pages, but previews and results
/// reach only the browsers that happen to share its instance — a half-failure nobody would notice in a log. Failing
/// lets the orchestrator restart the studio until Redis is up. Once running, Redis outages are survived:
/// StackExchange.Redis reconnects, and only the messages sent during the outage are lost.
/// </summary>
public sealed class RedisReachableValidator : IValidateOptions<ScaleOutOptions>
{
    public const string Setting = "ConnectionStrings:Redis (env ConnectionStrings__Redis)";

    /// <summary>How long start-up waits for Redis before giving up.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, ScaleOutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesRedis) return ValidateOptionsResult.Success;
        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(options.RedisConnectionString);
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{Setting} is not a Redis connection string ({e.Message})");
        }
        config.AbortOnConnectFail = true;
        config.ConnectRetry = 1;
        config.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        var endpoints = string.Join(", ", config.EndPoints.Select(e => e.ToString()));
        try
        {
            using var connection = ConnectionMultiplexer.Connect(config);
            connection.GetDatabase().Ping();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return ValidateOptionsResult.Fail(
                $"{Setting} is set, but Redis at {endpoints} cannot be reached ({FirstLine(e.Message)}); start Redis, fix the setting, " +
                "or remove it to run a single studio instance");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
