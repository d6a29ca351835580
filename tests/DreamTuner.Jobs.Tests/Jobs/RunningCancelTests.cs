using System.Collections.Concurrent;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Jobs.Tests.Support;
using DreamTuner.Studio.Services;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>Cancelling while the engine denoises: the DB flag is seen at the next step's progress write.</summary>
public sealed class RunningCancelTests
{
    [Fact]
    public async Task Cancelling_a_running_generation_stops_within_one_step_and_stores_no_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var steps = new ConcurrentBag<int>();
        using var watch = world.Studio.Services.GetRequiredService<GenerationUpdates>()
            .Subscribe(project.Id, p => steps.Add(p.Step), null);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 200));
        await Waits.UntilAsync(async () => (await world.ReloadAsync(queued.Id)).ProgressStep >= 2, "two steps");
        Assert.True(await world.Dispatcher.CancelAsync(queued.Id));
        // The Hangfire job ends (Succeeded: it handled the cancellation) once the engine noticed.
        await Waits.HangfireStateAsync(world.Storage, queued.HangfireJobId!, SucceededState.StateName);

        var row = await world.ReloadAsync(queued.Id);
        Assert.Equal(JobStatus.Cancelled, row.Status);
        Assert.Empty(row.Images);
        Assert.Equal(0, await db.Images.CountAsync());
        // Progress writes stop with the cancel, so the row holds the last step that ran before it; at most the step in
        // flight at that moment ran after it, and that one's progress write found the row cancelled.
        Assert.True(row.ProgressStep < 200);
        Assert.True(steps.IsEmpty || steps.Max() <= row.ProgressStep + 1, $"steps seen {steps.Max()} after cancel at {row.ProgressStep}");
    }
}
