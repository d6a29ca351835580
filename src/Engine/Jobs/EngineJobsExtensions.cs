using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Evaluation;
using DreamTuner.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamTuner.Engine.Jobs;

public static class EngineJobsExtensions
{
    /// <summary>
    /// The job implementations (worker only: the studio enqueues the interfaces), the model cache, the fair queue and
    /// the studio hub publisher.
    /// </summary>
    public static IHostApplicationBuilder AddEngineJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<GenerationQueue>();
        builder.Services.TryAddSingleton(services =>
        {
            var engine = services.GetRequiredService<IOptions<EngineOptions>>().Value;
            return new ModelCache(DeviceSpec.Parse(engine.Device, engine.DType), engine.ModelCacheMegabytes * 1024L * 1024L);
        });
        builder.Services.TryAddSingleton<GenerationInputLoader>();
        builder.Services.TryAddSingleton<EvaluationModels>();
        builder.Services.TryAddSingleton<StudioHubPublisher>();
        builder.Services.TryAddSingleton<IGenerationEvents>(services => services.GetRequiredService<StudioHubPublisher>());
        builder.Services.AddHostedService(services => services.GetRequiredService<StudioHubPublisher>());
        builder.Services.TryAddTransient<IGenerationJobs, GenerationJobs>();
        builder.Services.TryAddSingleton<IFineTuneEvents>(services => services.GetRequiredService<StudioHubPublisher>());
        builder.Services.TryAddTransient<IFineTuneJobs, FineTuneJobs>();
        builder.Services.TryAddTransient<IPretrainJobs, PretrainJobs>();
        return builder;
    }
}
