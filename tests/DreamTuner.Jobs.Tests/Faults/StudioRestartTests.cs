using DreamTuner.Data.Entities;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Faults;

/// <summary>
/// The studio restarted (a deployment) while an engine is mid-generation with more queued: jobs live in PostgreSQL
/// and run in the engine, so none is lost; the engine reconnects to the hub on its own and a browser that
/// reconnects hears the following previews and results.
/// </summary>
public sealed class StudioRestartTests
{
    private const int QueuedSteps = 300;

    [Fact]
    public async Task Restarting_the_studio_mid_generation_loses_no_queued_job_and_a_reconnecting_browser_gets_the_following_previews_and_results()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var publisher = world.Engines[0].Services.GetRequiredService<StudioHubPublisher>();
        await Waits.UntilAsync(() => Task.FromResult(publisher.State == HubConnectionState.Connected), "the engine's hub connection");
        await using var before = await ListeningBrowser.WatchProjectAsync(world.Studio.StudioHubUrl, users[0].Id, project.Id);
        var running = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 30, seed: 1));
        // Long enough that it cannot finish while the studio restarts and the browser reconnects, however fast the
        // engine runs (30 steps did, once, on an idle machine).
        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[1], steps: QueuedSteps, seed: 2));
        await Waits.UntilAsync(() => Task.FromResult(before.Previews.Any(p => p.GenerationId == running.Id)), "a preview before the restart");

        await world.RestartStudioAsync(downtime: TimeSpan.FromSeconds(1));
        await Waits.UntilAsync(() => Task.FromResult(before.State == HubConnectionState.Disconnected), "the old browser connection to drop");
        await using var after = await ListeningBrowser.WatchProjectAsync(world.Studio.StudioHubUrl, users[0].Id, project.Id);
        var stepAtReconnect = (await world.ReloadAsync(queued.Id)).ProgressStep;

        var first = await world.WaitForEndAsync(running.Id, Waits.Timeout);
        var second = await world.WaitForEndAsync(queued.Id, Waits.Timeout);
        Assert.Equal(JobStatus.Succeeded, first.Status);
        Assert.Equal(JobStatus.Succeeded, second.Status);
        Assert.Single(first.Images);
        Assert.Single(second.Images);
        Assert.Equal(2, await db.Images.CountAsync());
        Assert.True(stepAtReconnect < QueuedSteps, $"the queued generation ended ({stepAtReconnect}/{QueuedSteps}) before the browser came back; nothing left to watch");
        await Waits.UntilAsync(() => Task.FromResult(after.HasStatus(queued.Id, JobStatus.Succeeded)), "the queued generation's result on the new connection");
        Assert.Equal(HubConnectionState.Connected, publisher.State);
        var previewsAfter = after.Previews.Where(p => p.GenerationId == queued.Id).ToList();
        Assert.NotEmpty(previewsAfter);
        Assert.True(previewsAfter.Last().IsFinal);
        Assert.Equal([second.Images.Single().BlobHash], after.Statuses.Single(s => s.GenerationId == queued.Id && s.Status == JobStatus.Succeeded).ImageHashes);
    }
}
