using System.Collections.Concurrent;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DreamTuner.Jobs.Tests.FineTunes;

/// <summary>Cancelling a fine-tune: a running one stops between steps; a queued one never starts.</summary>
public sealed class FineTuneCancelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Cancelling_a_running_fine_tune_stops_training_within_a_step_and_stores_nothing()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);
        var progress = new ConcurrentQueue<(DateTime At, FineTuneProgress Report)>();
        var statuses = new ConcurrentQueue<(DateTime At, FineTuneStatusChange Change)>();
        await using var browser = new HubConnectionBuilder()
            .WithUrl(world.Studio.StudioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = users[0].Id.ToString()).Build();
        browser.On<FineTuneProgress>(EngineHubProtocol.ClientFineTuneProgress, p => progress.Enqueue((DateTime.UtcNow, p)));
        browser.On<FineTuneStatusChange>(EngineHubProtocol.ClientFineTuneStatus, s => statuses.Enqueue((DateTime.UtcNow, s)));
        await browser.StartAsync();
        await browser.InvokeAsync("WatchProject", project.Id);
        var publisher = (StudioHubPublisher)world.Engines[0].Services.GetService(typeof(StudioHubPublisher))!;
        await Waits.UntilAsync(() => Task.FromResult(publisher.State == HubConnectionState.Connected), "engine connection");

        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id,
            FineTuneSeeds.Parameters(steps: 5000, checkpointEvery: 1000)));
        await Waits.UntilAsync(() => Task.FromResult(progress.Count(p => p.Report.Step >= 1) >= 3), "a few training steps");
        var cancelledAt = DateTime.UtcNow;
        Assert.True(await world.FineTunes.CancelAsync(queued.Id));
        await Waits.UntilAsync(() => Task.FromResult(statuses.Any(s => s.Change.Status == JobStatus.Cancelled)), "the engine to stop");

        // How many steps ran after the cancel, measured against the engine's own step time.
        var stoppedAt = statuses.Single(s => s.Change.Status == JobStatus.Cancelled).At;
        var steps = progress.Select(p => p.Report).ToList();
        var stepSeconds = (progress.Last().At - progress.First().At).TotalSeconds / Math.Max(1, steps[^1].Step - steps[0].Step);
        var lastBeforeCancel = progress.Where(p => p.At <= cancelledAt).Max(p => p.Report.Step);
        var stepsAfterCancel = steps[^1].Step - lastBeforeCancel;
        output.WriteLine($"step {stepSeconds * 1000:F0} ms; stopped {(stoppedAt - cancelledAt).TotalMilliseconds:F0} ms after the cancel, {stepsAfterCancel} steps later");
        // The row is checked after every step: the step in flight finishes, and the browser may have been one report
        // behind the engine when the cancel went out.
        Assert.True(stepsAfterCancel <= 2, $"{stepsAfterCancel} steps ran after the cancel");
        Assert.True((stoppedAt - cancelledAt).TotalSeconds < 3, $"stopped {(stoppedAt - cancelledAt).TotalSeconds:F1} s after the cancel");
        Assert.True(steps[^1].Step < 5000);

        var row = await world.ReloadFineTuneAsync(queued.Id);
        Assert.Equal(JobStatus.Cancelled, row.Status);
        Assert.Null(row.ArtifactHash);
        Assert.Null(row.Character!.ActiveFineTuneId);
        Assert.Equal(0, await db.Blobs.CountAsync(b => b.ContentType == Engine.Characters.CharacterPackageArchive.ContentType));
    }

    [Fact]
    public async Task A_fine_tune_cancelled_while_queued_never_starts()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);
        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id, FineTuneSeeds.Parameters(steps: 4)));

        Assert.True(await world.FineTunes.CancelAsync(queued.Id));
        Assert.False(await world.FineTunes.CancelAsync(queued.Id));
        await world.AddEngineAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        var row = await world.ReloadFineTuneAsync(queued.Id);
        Assert.Equal(JobStatus.Cancelled, row.Status);
        Assert.Null(row.StartedAt);
        Assert.Equal("Deleted", world.Storage.GetMonitoringApi().JobDetails(queued.HangfireJobId).History[0].StateName);
    }
}
