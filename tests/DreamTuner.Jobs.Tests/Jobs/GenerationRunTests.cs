using DreamTuner.Data.Entities;
using DreamTuner.Data.Blobs;
using DreamTuner.Engine.Imaging;
using DreamTuner.Jobs.Tests.Support;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Jobs;

/// <summary>The happy path and idempotence, through the studio's dispatcher and a real engine Hangfire server.</summary>
public sealed class GenerationRunTests
{
    private static readonly TimeSpan Timeout = Waits.Timeout;

    [Fact]
    public async Task Dispatched_generation_runs_on_the_engine_and_stores_exactly_one_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 4));
        Assert.NotNull(queued.HangfireJobId);

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(4, done.ProgressTotal);
        Assert.Equal(done.ProgressTotal, done.ProgressStep);
        Assert.NotNull(done.FinishedAt);

        var image = Assert.Single(done.Images);
        Assert.Equal((0, 32, 32, 7L), (image.BatchIndex, image.Width, image.Height, image.Seed));
        // The stored PNG carries its parameters (prompt, sampler, model hash) as A1111 writes them.
        var store = world.Studio.Services.GetRequiredService<IBlobStore>();
        await using var png = store.OpenRead(image.BlobHash);
        using var bytes = new MemoryStream();
        await png.CopyToAsync(bytes);
        var info = PngParameters.Read(bytes.ToArray());
        Assert.NotNull(info);
        Assert.Equal("a small red fox", info.Prompt);
        Assert.Equal("4", info.Get("Steps"));
        Assert.Equal(TinyModel.ModelId, info.Get("Model"));
        Assert.False(string.IsNullOrEmpty(info.Get("Model hash")));
        Assert.Equal(image.Metadata, PngParameters.Format(info));
        Assert.True(await db.Blobs.AnyAsync(b => b.Hash == image.BlobHash));
    }

    [Fact]
    public async Task Rerunning_a_succeeded_job_stores_no_second_image()
    {
        // Simulates a crash after the image was recorded but before Hangfire acknowledged the job: Hangfire runs the
        // same job again, which must find its generation Succeeded and do nothing.
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3));
        var first = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal(JobStatus.Succeeded, first.Status);
        await Waits.HangfireStateAsync(world.Storage, queued.HangfireJobId!, SucceededState.StateName);

        Assert.True(world.Jobs.Requeue(queued.HangfireJobId!));
        await Waits.HangfireStateAsync(world.Storage, queued.HangfireJobId!, SucceededState.StateName, count: 2);

        var again = await world.ReloadAsync(queued.Id);
        Assert.Equal(JobStatus.Succeeded, again.Status);
        Assert.Equal(first.Images.Single().Id, Assert.Single(again.Images).Id);
        Assert.Equal(1, await db.Images.CountAsync());
    }
}
