using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Options;
using DreamTuner.Jobs.Tests.Support;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>Transient faults are retried a bounded number of times; the row stays Running in between and ends once.</summary>
public sealed class TransientFailureTests
{
    [Fact]
    public async Task A_transient_storage_error_is_retried_and_the_generation_succeeds_with_one_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await world.AddEngineAsync(configure: services => services.AddSingleton<IBlobStore>(_ =>
            new FlakyBlobStore(new FileBlobStore(new BlobStoreOptions { Root = world.Blobs.Path }, TimeProvider.System), failures: 1)));
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2));
        var done = await world.WaitForEndAsync(queued.Id, Waits.Timeout);

        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}");
        Assert.Single(done.Images);
        Assert.Equal(1, await db.Images.CountAsync());
        var history = world.Storage.GetMonitoringApi().JobDetails(queued.HangfireJobId!).History;
        // One failed attempt, one scheduled retry, two runs; the first run's claim was resumed by the second.
        Assert.StartsWith("Retry attempt 1", Assert.Single(history, h => h.StateName == ScheduledState.StateName).Reason);
        Assert.Equal(2, history.Count(h => h.StateName == ProcessingState.StateName));
    }

    [Fact]
    public async Task When_retries_run_out_the_row_fails_with_the_reason_and_hangfire_agrees()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await world.AddEngineAsync(configure: services => services.AddSingleton<IBlobStore>(_ =>
            new FlakyBlobStore(new FileBlobStore(new BlobStoreOptions { Root = world.Blobs.Path }, TimeProvider.System), failures: 100)));
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2));
        var done = await world.WaitForEndAsync(queued.Id, Waits.Timeout);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Contains("after 3 attempts", done.Error);
        Assert.Contains("blob volume is temporarily unavailable", done.Error);
        Assert.Empty(done.Images);
        await Waits.HangfireStateAsync(world.Storage, queued.HangfireJobId!, FailedState.StateName, count: 3);
        var history = world.Storage.GetMonitoringApi().JobDetails(queued.HangfireJobId!).History;
        Assert.Equal(FailedState.StateName, history.First().StateName);
        Assert.Equal(3, history.Count(h => h.StateName == ProcessingState.StateName));
    }
}
