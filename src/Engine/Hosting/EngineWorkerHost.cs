using DreamTuner.Data.Extensions;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamTuner.Engine.Hosting;

/// <summary>
/// The engine worker process: a Hangfire server on the engine queues with one worker per device, so a GPU runs one
/// job at a time. Settings are validated at start; a wrong one stops the process with one line (exit code 2).
/// </summary>
public static class EngineWorkerHost
{
    public static readonly string[] Queues = ["generate", "finetune"];

    public static async Task<int> RunAsync(CancellationToken cancellation, string[]? args = null)
    {
        var builder = Host.CreateApplicationBuilder(args ?? []);
        builder.AddEngineWorker();
        using var host = builder.Build();
        if (StartupValidation.FindProblem(host.Services) is { } problem)
        {
            await Console.Error.WriteLineAsync($"error: {problem}");
            return 2;
        }
        await host.RunAsync(cancellation);
        return 0;
    }

    public static IHostApplicationBuilder AddEngineWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStudioData();
        builder.AddEngineOptions();
        builder.AddEngineJobs();
        builder.Services.AddHangfire((services, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(services.GetRequiredService<IOptions<StudioDatabaseOptions>>().Value.ConnectionString),
                new PostgreSqlStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    SchemaName = "hangfire",
                    // Jobs should start promptly; the default poll is 15 s.
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // Fine-tunes run for an hour or more; without this they would be handed to a second worker after 30 min.
                    UseSlidingInvisibilityTimeout = true,
                    // A killed worker's job comes back to the queue after this.
                    InvisibilityTimeout = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<EngineOptions>>().Value.JobInvisibilitySeconds),
                }));
        builder.Services.AddHangfireServer(o =>
        {
            o.Queues = Queues;
            o.WorkerCount = 1;
            o.ServerName = $"engine:{Environment.MachineName}:{Environment.ProcessId}";
            o.CancellationCheckInterval = TimeSpan.FromSeconds(1);
        });
        return builder;
    }
}
