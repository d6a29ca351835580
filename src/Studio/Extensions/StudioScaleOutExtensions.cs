using DreamTuner.Data.Options;
using DreamTuner.Studio.ScaleOut;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DreamTuner.Studio.Extensions;

public static class StudioScaleOutExtensions
{
    /// <summary>Application name every instance shares: Data Protection isolates key rings by it (by default, by content root path).</summary>
    public const string DataProtectionApplicationName = "DreamTuner.Studio";

    /// <summary>Folder under Blobs:Root holding the Data Protection key ring (blob folders are two hex characters, so no clash).</summary>
    public const string KeysFolder = "data-protection-keys";

    /// <summary>
    /// What lets several studio instances serve the same users: the SignalR Redis backplane when
    /// <c>ConnectionStrings:Redis</c> is set (checked at start, see <see cref="RedisReachableValidator"/>), and one Data
    /// Protection key ring under the shared blob root, so sign-in cookies, antiforgery tokens and API tokens issued by
    /// one instance are read by all — and survive a restart, which the default per-machine key folder does not in a container.
    /// </summary>
    public static IHostApplicationBuilder AddStudioScaleOut(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ScaleOutOptions>()
            .Configure<IConfiguration>((o, c) => o.RedisConnectionString = c.GetConnectionString(ScaleOutOptions.RedisConnectionName) ?? "")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScaleOutOptions>, RedisReachableValidator>();

        // The hub lifetime manager is chosen when services are registered, so this reads configuration now.
        var redis = builder.Configuration.GetConnectionString(ScaleOutOptions.RedisConnectionName);
        if (!string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSignalR().AddStackExchangeRedis(redis,
                o => o.Configuration.ChannelPrefix = RedisChannel.Literal(ScaleOutOptions.ChannelPrefix));
            builder.Services.AddSingleton<RedisEngineUpdateFanOut>();
            builder.Services.AddSingleton<IEngineUpdateFanOut>(s => s.GetRequiredService<RedisEngineUpdateFanOut>());
            builder.Services.AddHostedService(s => s.GetRequiredService<RedisEngineUpdateFanOut>());
        }

        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        // Read from configuration when first needed (test hosts may add settings late), and not through the validated
        // BlobStoreOptions: middleware resolves Data Protection before start-up validation reports a missing setting.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConfiguration, ILoggerFactory>((keys, configuration, logs) =>
            {
                var root = configuration[$"{BlobStoreOptions.SectionName}:{nameof(BlobStoreOptions.Root)}"];
                if (string.IsNullOrWhiteSpace(root)) return; // start-up validation reports the missing setting
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(root, KeysFolder)), logs);
            });
        return builder;
    }
}
