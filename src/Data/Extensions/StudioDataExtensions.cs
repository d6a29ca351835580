using DreamTuner.Data.Blobs;
using DreamTuner.Data.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamTuner.Data.Extensions;

public static class StudioDataExtensions
{
    /// <summary>
    /// The database (a <see cref="StudioDbContext"/> factory, plus the context itself as a scoped service),
    /// the blob store and <see cref="BlobRecorder"/>, with the connection string and blob folder validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddStudioData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<StudioDatabaseOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(StudioDatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StudioDatabaseOptions>, StudioDatabaseOptionsValidator>());

        // A factory because Blazor Server circuits outlive a scope and need short-lived contexts; EF also
        // registers the context as scoped for Identity and request code. The connection string is read
        // when the first context is built, which is after start-up validation has run.
        builder.Services.AddDbContextFactory<StudioDbContext>((services, options) =>
            options.UseStudioDatabase(services.GetRequiredService<IOptions<StudioDatabaseOptions>>().Value.ConnectionString!));

        builder.Services.TryAddSingleton<PostgresRestartWatcher>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresRestartWatcher>(s => s.GetRequiredService<PostgresRestartWatcher>()));

        builder.AddBlobStore();
        builder.Services.TryAddScoped<BlobRecorder>();
        return builder;
    }

    /// <summary>The file blob store at Blobs:Root, validated at start, with stale temp files removed on start-up.</summary>
    public static IHostApplicationBuilder AddBlobStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<BlobStoreOptions>()
            .BindConfiguration(BlobStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IBlobStore>(services => new FileBlobStore(
            services.GetRequiredService<IOptions<BlobStoreOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<Microsoft.Extensions.Logging.ILogger<FileBlobStore>>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BlobStoreCleanupService>());
        return builder;
    }

    /// <summary>Engine settings (section Engine), validated at start; the engine worker and CLI call this.</summary>
    public static IHostApplicationBuilder AddEngineOptions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<EngineOptions>()
            .BindConfiguration(EngineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
