using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>
/// A running job deleted in Hangfire alone (the dashboard), without our cancel: Hangfire's token fires as it does on a
/// shutdown, and only the job's stored state tells the two apart. Deleted must end Cancelled, not stay Running.
/// </summary>
public sealed class DeletedJobTests
{
    [Fact]
    public async Task A_running_generation_deleted_in_hangfire_ends_cancelled_with_no_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 200));
        await Waits.UntilAsync(async () => (await world.ReloadAsync(queued.Id)).ProgressStep >= 2, "two steps");

        Assert.True(new BackgroundJobClient(world.Storage).Delete(queued.HangfireJobId!));

        await Waits.UntilAsync(async () => (await world.ReloadAsync(queued.Id)).Status == JobStatus.Cancelled, "the row to follow the deletion");
        var row = await world.ReloadAsync(queued.Id);
        Assert.True(row.ProgressStep < 200);
        Assert.Equal(0, await db.Images.CountAsync());
    }
}
