namespace DreamTuner.Studio.ScaleOut;

/// <summary>
/// How several studio instances cooperate. Without <c>ConnectionStrings:Redis</c> the studio is one instance (the
/// default); with it, SignalR messages go through the Redis backplane so a browser on any instance hears every engine.
/// </summary>
public sealed class ScaleOutOptions
{
    /// <summary>Name under <c>ConnectionStrings</c> (env <c>ConnectionStrings__Redis</c>).</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>Prefix of the studio's Redis channels, so one Redis can serve other applications too.</summary>
    public const string ChannelPrefix = "DreamTuner";

    /// <summary>A StackExchange.Redis configuration string ("redis:6379", "host:6379,password=..."); empty for one instance.</summary>
    public string RedisConnectionString { get; set; } = "";

    public bool UsesRedis => !string.IsNullOrWhiteSpace(RedisConnectionString);
}
