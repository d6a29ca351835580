using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>Cancelling queued work and groups, without an engine (the rows are the state users see).</summary>
public sealed class DispatcherCancelTests
{
    [Fact]
    public async Task Cancel_pending_cancels_only_the_users_queued_generations()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db, users: 2);
        var mine = new List<Generation>();
        for (int i = 0; i < 3; i++) mine.Add(await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0])));
        var theirs = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[1]));
        Assert.Equal(mine[0].Id, await world.Queue.ClaimNextAsync("running", DateTimeOffset.UtcNow));

        Assert.Equal(2, await world.Dispatcher.CancelPendingAsync(users[0].Id));

        Assert.Equal(JobStatus.Running, (await world.ReloadAsync(mine[0].Id)).Status);
        Assert.Equal(JobStatus.Cancelled, (await world.ReloadAsync(mine[1].Id)).Status);
        Assert.Equal(JobStatus.Cancelled, (await world.ReloadAsync(mine[2].Id)).Status);
        Assert.Equal(JobStatus.Queued, (await world.ReloadAsync(theirs.Id)).Status);
        Assert.Equal(1, (await world.ReloadAsync(theirs.Id)).QueuePosition);
    }

    [Fact]
    public async Task A_group_is_enqueued_together_and_cancelled_as_a_whole()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        // A seed sweep: three variations of one request.
        var sweep = Enumerable.Range(0, 3).Select(i => Seeds.Request(project, users[0], seed: 100 + i)).ToList();

        var rows = await world.Dispatcher.EnqueueGroupAsync(sweep);

        var groupId = Assert.Single(rows.Select(r => r.GroupId).Distinct());
        Assert.NotNull(groupId);
        Assert.All(rows, r => Assert.NotNull(r.HangfireJobId));
        Assert.Equal(3, await world.Dispatcher.CancelGroupAsync(groupId.Value));
        Assert.Equal(3, await db.Generations.CountAsync(g => g.GroupId == groupId && g.Status == JobStatus.Cancelled));
        Assert.False(await world.Dispatcher.CancelAsync(rows[0].Id));
    }
}
