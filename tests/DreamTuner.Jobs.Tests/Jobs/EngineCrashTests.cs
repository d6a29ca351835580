using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>A worker dying mid-generation: Hangfire hands the job out again and our row ends with exactly one image.</summary>
public sealed class EngineCrashTests
{
    [Fact]
    public async Task A_killed_engine_process_leaves_a_job_that_runs_again_and_stores_exactly_one_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 12));

        using (var first = EngineProcess.Start(world.EngineSettings()))
        {
            await Waits.UntilAsync(async () => (await world.ReloadAsync(queued.Id)).ProgressStep >= 1 || first.HasExited,
                "the first engine to start denoising");
            Assert.False(first.HasExited, first.Output);
            first.Kill();
        }
        var interrupted = await world.ReloadAsync(queued.Id);
        Assert.Equal(JobStatus.Running, interrupted.Status);
        Assert.Empty(interrupted.Images);

        // The restarted worker fetches the job once its invisibility timeout (10 s here) has passed, and resumes the
        // generation its job id had claimed.
        using var second = EngineProcess.Start(world.EngineSettings());
        var done = await world.WaitForEndAsync(queued.Id, Waits.Timeout);
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {done.Error}\n{second.Output}");
        Assert.Single(done.Images);
        Assert.Equal(1, await db.Images.CountAsync());
        Assert.Equal(done.ProgressTotal, done.ProgressStep);
    }
}
