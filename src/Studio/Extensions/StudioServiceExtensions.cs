using DreamTuner.Data;
using DreamTuner.Data.Extensions;
using DreamTuner.Data.Options;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DreamTuner.Studio.Extensions;

public static class StudioServiceExtensions
{
    /// <summary>Registers everything the studio host needs: data, UI, job client, health checks.</summary>
    public static IHostApplicationBuilder AddStudioServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStudioData();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHealthChecks().AddDbContextCheck<StudioDbContext>("database");
        builder.AddJobClient();
        builder.AddEngineHubs();
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
