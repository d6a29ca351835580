using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>Scale-out is more workers on the same queue: each job runs once, and the work spreads over the workers.</summary>
public sealed class TwoWorkersTests
{
    [Fact]
    public async Task Two_engine_workers_on_one_queue_run_every_job_once_and_both_are_used()
    {
        await using var world = await JobsWorld.StartAsync(engines: 2);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db, users: 2);
        var rows = new List<Generation>();
        for (int i = 0; i < 4; i++) rows.Add(await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[i % 2], steps: 3, seed: i)));

        foreach (var row in rows)
            Assert.Equal(JobStatus.Succeeded, (await world.WaitForEndAsync(row.Id, Waits.Timeout)).Status);

        Assert.Equal(4, await db.Images.CountAsync());
        Assert.Equal(4, await db.Images.Select(i => i.GenerationId).Distinct().CountAsync());
        var servers = new HashSet<string>();
        foreach (var row in rows)
        {
            await Waits.HangfireStateAsync(world.Storage, row.HangfireJobId!, SucceededState.StateName);
            var processing = world.Storage.GetMonitoringApi().JobDetails(row.HangfireJobId!).History
                .Where(h => h.StateName == ProcessingState.StateName).ToList();
            Assert.Single(processing);
            servers.Add(processing[0].Data["ServerId"]);
        }
        Assert.Equal(2, servers.Count);
    }
}
