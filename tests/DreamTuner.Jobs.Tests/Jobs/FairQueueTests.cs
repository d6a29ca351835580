using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>
/// Round-robin by user: no engine runs here, so the Hangfire tickets stay queued and the claims are made by hand in the
/// order engines would make them.
/// </summary>
public sealed class FairQueueTests
{
    [Fact]
    public async Task A_users_tenth_job_does_not_starve_another_users_first()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db, users: 2);
        var busy = new List<Generation>();
        for (int i = 0; i < 10; i++) busy.Add(await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0])));
        var late = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[1]));

        var positions = await world.Queue.PositionsAsync();
        Assert.Equal(1, positions[busy[0].Id]);
        Assert.Equal(2, positions[late.Id]);
        Assert.Equal(3, positions[busy[1].Id]);
        Assert.Equal(11, positions[busy[9].Id]);
        // The stored positions (what lists read) agree with the query service.
        Assert.Equal(2, (await world.ReloadAsync(late.Id)).QueuePosition);

        var first = await world.Queue.ClaimNextAsync("k1", DateTimeOffset.UtcNow);
        var second = await world.Queue.ClaimNextAsync("k2", DateTimeOffset.UtcNow.AddSeconds(1));
        var third = await world.Queue.ClaimNextAsync("k3", DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal([busy[0].Id, late.Id, busy[1].Id], [first!.Value, second!.Value, third!.Value]);
        Assert.Equal(JobStatus.Running, (await world.ReloadAsync(late.Id)).Status);
    }

    [Fact]
    public async Task A_newcomer_goes_before_users_already_served()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db, users: 3);
        var a = new[] { await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0])), await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0])) };
        var b = new[] { await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[1])), await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[1])) };
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(a[0].Id, await world.Queue.ClaimNextAsync("k1", now));
        Assert.Equal(b[0].Id, await world.Queue.ClaimNextAsync("k2", now.AddSeconds(1)));

        var c = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[2]));

        Assert.Equal(1, await world.Queue.PositionOfAsync(c.Id));
        Assert.Equal(c.Id, await world.Queue.ClaimNextAsync("k3", now.AddSeconds(2)));
        Assert.Equal(a[1].Id, await world.Queue.ClaimNextAsync("k4", now.AddSeconds(3)));
        Assert.Equal(b[1].Id, await world.Queue.ClaimNextAsync("k5", now.AddSeconds(4)));
        Assert.Null(await world.Queue.ClaimNextAsync("k6", now.AddSeconds(5)));
    }
}
