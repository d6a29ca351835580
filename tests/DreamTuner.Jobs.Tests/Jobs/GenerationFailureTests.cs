using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;
using Hangfire.States;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>Non-transient failures end the row Failed with a reason a person can act on, and are not retried.</summary>
public sealed class GenerationFailureTests
{
    [Fact]
    public async Task Missing_model_fails_with_a_readable_reason_and_no_retries()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], model: "no-such-model"));
        var done = await world.WaitForEndAsync(queued.Id, Waits.Timeout);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Contains("\"no-such-model\" is not installed", done.Error);
        Assert.Empty(done.Images);
        await Waits.HangfireStateAsync(world.Storage, queued.HangfireJobId!, FailedState.StateName);
        // A retry would schedule the job again within seconds; give it the chance, then count attempts.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var history = world.Storage.GetMonitoringApi().JobDetails(queued.HangfireJobId!).History;
        Assert.Single(history, h => h.StateName == ProcessingState.StateName);
        Assert.DoesNotContain(history, h => h.StateName == ScheduledState.StateName);
    }
}
