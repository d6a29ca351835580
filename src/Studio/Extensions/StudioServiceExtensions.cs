using DreamTuner.Data;
using DreamTuner.Studio.Api;
using DreamTuner.Data.Extensions;
using DreamTuner.Data.Options;
using DreamTuner.Studio.Images;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DreamTuner.Studio.Extensions;

public static class StudioServiceExtensions
{
    /// <summary>Registers everything the studio host needs: data, identity, UI, app services, job client, health checks.</summary>
    public static IHostApplicationBuilder AddStudioServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Every SQL statement at Information buries the studio's own log (pollers run some every few seconds).
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.AddStudioData();
        builder.AddStudioIdentity();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHealthChecks().AddDbContextCheck<StudioDbContext>("database");
        builder.AddProjectServices();
        builder.AddJobClient();
        builder.AddEngineHubs();
        builder.AddStudioApi();
        builder.AddStudioScaleOut();
        builder.AddCollaboration();
        builder.AddPoses();
        builder.AddJobGroups();
        return builder;
    }

    /// <summary>Accounts, projects, members, characters, generations, the gallery, and the upload and generation limits (sections Uploads and Generation, validated at start).</summary>
    public static IHostApplicationBuilder AddProjectServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(s => new ImageInspector(s.GetRequiredService<IOptions<UploadOptions>>().Value));
        builder.Services.AddSingleton<UploadRateLimiter>();
        builder.Services.AddOptions<GenerationOptions>()
            .BindConfiguration(GenerationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GenerationRateLimiter>();
        builder.Services.AddScoped<GenerationService>();
        builder.Services.AddScoped<FineTuneService>();
        builder.Services.AddScoped<GalleryService>();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<ProjectAccess>();
        builder.Services.AddScoped<ProjectService>();
        builder.Services.AddScoped<ProjectMemberService>();
        builder.Services.AddScoped<CharacterService>();
        builder.Services.AddOptions<GalleryOptions>()
            .BindConfiguration(GalleryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GalleryEvents>();
        builder.Services.AddSingleton<ImageDeletionQueue>();
        builder.Services.AddOptions<ModelFolderOptions>()
            .BindConfiguration(ModelFolderOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<Services.Methods.ModelAddOnProbe>();
        builder.Services.AddSingleton<Services.Segmentation.SegmentationModel>();
        return builder;
    }

    /// <summary>
    /// Hangfire client on PostgreSQL storage. The studio only enqueues; Hangfire servers run in engine workers.
    /// The storage is built lazily (first enqueue), after the start command has created the database.
    /// </summary>
    public static IHostApplicationBuilder AddJobClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHangfire((services, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(services.GetRequiredService<IOptions<StudioDatabaseOptions>>().Value.ConnectionString),
                new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" }));
        return builder;
    }
}
