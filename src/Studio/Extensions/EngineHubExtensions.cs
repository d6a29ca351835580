using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Hubs;
using DreamTuner.Studio.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DreamTuner.Studio.Extensions;

public static class EngineHubExtensions
{
    /// <summary>Largest message an engine may send: a JPEG preview (about 10-40 KB) as JSON base64, with room to spare.</summary>
    public const long MaxEngineMessageBytes = 1024 * 1024;

    /// <summary>
    /// SignalR hubs for engines and browsers, the in-process update notifier, and the job services pages call
    /// (<see cref="JobDispatcher"/> to start and cancel, <see cref="GenerationQueue"/> for queue positions).
    /// </summary>
    public static IHostApplicationBuilder AddEngineHubs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EngineHubOptions>().BindConfiguration(EngineHubOptions.SectionName);
        builder.Services.AddSignalR().AddHubOptions<EngineHub>(o => o.MaximumReceiveMessageSize = MaxEngineMessageBytes);
        builder.Services.TryAddSingleton<GenerationUpdates>();
        // One instance by default; AddStudioScaleOut replaces it with the Redis fan-out when Redis is configured.
        builder.Services.TryAddSingleton<ScaleOut.IEngineUpdateFanOut, ScaleOut.LocalEngineUpdateFanOut>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<GenerationQueue>();
        builder.Services.TryAddSingleton<JobDispatcher>();
        builder.Services.TryAddSingleton<FineTuneUpdates>();
        builder.Services.TryAddSingleton<FineTuneDispatcher>();
        // The browser hub checks project membership on every watch.
        builder.Services.TryAddScoped<Services.ProjectAccess>();
        return builder;
    }

    /// <summary><c>/hubs/engine</c> behind the engine key check, and <c>/hubs/studio</c> for browsers.</summary>
    public static WebApplication MapEngineHubs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(EngineHubProtocol.EngineHubPath),
            branch => branch.UseMiddleware<EngineKeyCheck>());
        app.MapHub<EngineHub>(EngineHubProtocol.EngineHubPath);
        app.MapHub<StudioHub>(EngineHubProtocol.StudioHubPath);
        return app;
    }
}
