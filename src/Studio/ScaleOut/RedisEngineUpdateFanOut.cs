using System.Text.Json;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DreamTuner.Studio.ScaleOut;

/// <summary>
/// Several studio instances: an engine report received by one instance is published on a Redis channel, and every
/// instance (this one included) hands what it hears to its own components. The SignalR backplane does the same for
/// browser hub clients; Blazor circuits are not hub clients, hence this second, small channel pair.
/// </summary>
public sealed class RedisEngineUpdateFanOut(
    IOptions<ScaleOutOptions> options, GenerationUpdates updates, FineTuneUpdates fineTunes, ILogger<RedisEngineUpdateFanOut> logger)
    : IEngineUpdateFanOut, IHostedService, IAsyncDisposable
{
    private static readonly RedisChannel PreviewChannel = RedisChannel.Literal($"{ScaleOutOptions.ChannelPrefix}:updates:preview");
    private static readonly RedisChannel StatusChannel = RedisChannel.Literal($"{ScaleOutOptions.ChannelPrefix}:updates:status");
    private static readonly RedisChannel FineTuneProgressChannel = RedisChannel.Literal($"{ScaleOutOptions.ChannelPrefix}:updates:finetune-progress");
    private static readonly RedisChannel FineTuneValidationChannel = RedisChannel.Literal($"{ScaleOutOptions.ChannelPrefix}:updates:finetune-validation");
    private static readonly RedisChannel FineTuneStatusChannel = RedisChannel.Literal($"{ScaleOutOptions.ChannelPrefix}:updates:finetune-status");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ConnectionMultiplexer? _redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = ConfigurationOptions.Parse(options.Value.RedisConnectionString);
        // Start-up validation has already shown Redis answers; from here on outages are ridden out by reconnecting.
        config.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(config);
        var subscriber = _redis.GetSubscriber();
        await subscriber.SubscribeAsync(PreviewChannel, (_, message) => Deliver<GenerationPreview>(message, updates.Publish));
        await subscriber.SubscribeAsync(StatusChannel, (_, message) => Deliver<GenerationStatusChange>(message, updates.Publish));
        await subscriber.SubscribeAsync(FineTuneProgressChannel, (_, message) => Deliver<FineTuneProgress>(message, fineTunes.Publish));
        await subscriber.SubscribeAsync(FineTuneValidationChannel, (_, message) => Deliver<FineTuneValidationImage>(message, fineTunes.Publish));
        await subscriber.SubscribeAsync(FineTuneStatusChannel, (_, message) => Deliver<FineTuneStatusChange>(message, fineTunes.Publish));
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _redis?.GetSubscriber().UnsubscribeAllAsync() ?? Task.CompletedTask;

    public Task PublishAsync(GenerationPreview preview) => PublishAsync(PreviewChannel, preview);

    public Task PublishAsync(GenerationStatusChange change) => PublishAsync(StatusChannel, change);

    public Task PublishAsync(FineTuneProgress progress) => PublishAsync(FineTuneProgressChannel, progress);

    public Task PublishAsync(FineTuneValidationImage image) => PublishAsync(FineTuneValidationChannel, image);

    public Task PublishAsync(FineTuneStatusChange change) => PublishAsync(FineTuneStatusChannel, change);

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private async Task PublishAsync<T>(RedisChannel channel, T message)
    {
        if (_redis is null) throw new InvalidOperationException("the Redis fan-out is used before the host started it");
        try
        {
            await _redis.GetSubscriber().PublishAsync(channel, JsonSerializer.SerializeToUtf8Bytes(message, Json));
        }
        catch (RedisException e)
        {
            // Like a dropped preview: the page catches up from the database on its next load; the engine must not fail.
            logger.LogWarning(e, "Could not publish an engine update to Redis");
        }
    }

    private void Deliver<T>(RedisValue message, Action<T> publish)
    {
        try
        {
            if (JsonSerializer.Deserialize<T>((byte[])message!, Json) is { } update) publish(update);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignored a malformed engine update from Redis");
        }
    }
}
