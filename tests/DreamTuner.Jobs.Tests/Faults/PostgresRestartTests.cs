using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Jobs.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Faults;

/// <summary>
/// PostgreSQL restarted under an idle engine worker (its Hangfire server polling, its connection pool full of
/// connections the restart killed): afterwards the worker and the studio reconnect and the next job runs. The test
/// uses its own cluster: the shared test server must never be restarted.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task A_worker_waiting_through_a_PostgreSQL_restart_reconnects_and_runs_the_next_job()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        var connectionString = await postgres.CreateStudioDatabaseAsync();
        using var blobs = new TempFolder();
        await using var studio = await StudioHubHost.StartAsync(connectionString, blobs.Path, JobsWorld.HubKey);
        await using var engine = await EngineHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Studio"] = connectionString,
            ["Blobs:Root"] = blobs.Path,
            ["Engine:ModelsRoot"] = TinyModel.ModelsRoot,
            ["Engine:StudioHubUrl"] = studio.EngineHubUrl,
            ["Engine:HubKey"] = JobsWorld.HubKey,
        });
        (Project project, StudioUser[] users) seeded;
        await using (var db = new StudioDbContext(StudioDatabase.CreateOptions(connectionString)))
            seeded = await Seeds.ProjectWithUsersAsync(db);
        var dispatcher = studio.Services.GetRequiredService<JobDispatcher>();
        // A first job fills both processes' connection pools (and loads the model) before the restart.
        var before = await dispatcher.EnqueueAsync(Seeds.Request(seeded.project, seeded.users[0], steps: 3));
        Assert.Equal(JobStatus.Succeeded, (await WaitForEndAsync(connectionString, before.Id)).Status);

        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await postgres.StartServerAsync();

        var after = await dispatcher.EnqueueAsync(Seeds.Request(seeded.project, seeded.users[1], steps: 3, seed: 9));
        var storage = studio.Services.GetRequiredService<JobStorage>();
        Generation done;
        try
        {
            done = await WaitForEndAsync(connectionString, after.Id);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; {await DescribeAsync(connectionString, storage, after.Id)}", e);
        }
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}");
        Assert.Single(done.Images);
        var servers = storage.GetMonitoringApi().Servers();
        Assert.Single(servers);
    }

    /// <summary>What the generation row and Hangfire say about a job that did not end: its state history and the servers' heartbeats.</summary>
    private static async Task<string> DescribeAsync(string connectionString, JobStorage storage, Guid id)
    {
        try
        {
            await using var db = new StudioDbContext(StudioDatabase.CreateOptions(connectionString));
            var row = await db.Generations.AsNoTracking().SingleAsync(g => g.Id == id);
            var api = storage.GetMonitoringApi();
            var history = row.HangfireJobId is { } jobId && api.JobDetails(jobId) is { } details
                ? string.Join(" <- ", details.History.Select(h => $"{h.StateName} {h.CreatedAt:HH:mm:ss} {h.Reason}"))
                : "no Hangfire job";
            var servers = string.Join(", ", api.Servers().Select(s => $"{s.Name} heartbeat {s.Heartbeat:HH:mm:ss} queues {string.Join('/', s.Queues)}"));
            return $"generation {row.Status} (Hangfire job {row.HangfireJobId ?? "none"}: {history}); servers: {servers}; now {DateTime.UtcNow:HH:mm:ss}";
        }
        catch (Exception e)
        {
            return $"state unreadable: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Polls on fresh contexts; a poll that meets a connection killed by the restart just polls again.</summary>
    private static async Task<Generation> WaitForEndAsync(string connectionString, Guid id)
    {
        Generation? seen = null;
        await Waits.UntilAsync(async () =>
        {
            try
            {
                await using var db = new StudioDbContext(StudioDatabase.CreateOptions(connectionString));
                seen = await db.Generations.AsNoTracking().Include(g => g.Images).SingleAsync(g => g.Id == id);
                return seen.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
            }
            catch (Npgsql.NpgsqlException)
            {
                return false;
            }
        }, $"generation {id} to end");
        return seen!;
    }
}
