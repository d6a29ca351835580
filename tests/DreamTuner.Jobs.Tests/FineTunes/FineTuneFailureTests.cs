using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.FineTunes;

/// <summary>Faults retrying cannot fix end the fine-tune Failed with a reason people can act on, and Hangfire does not retry them.</summary>
public sealed class FineTuneFailureTests
{
    [Fact]
    public async Task A_fine_tune_on_a_missing_model_fails_with_a_readable_reason_and_no_retry()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);

        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id,
            FineTuneSeeds.Parameters(steps: 4, model: "no-such-model")));
        var done = await world.WaitForFineTuneEndAsync(queued.Id, Waits.Timeout);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Contains("Model \"no-such-model\" is not installed on this engine", done.Error);
        await AssertFailedOnceAsync(world, queued.HangfireJobId!);
    }

    [Fact]
    public async Task A_character_whose_reference_image_is_gone_fails_with_a_readable_reason_and_no_retry()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project, storeImage: false);

        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id, FineTuneSeeds.Parameters(steps: 4)));
        var done = await world.WaitForFineTuneEndAsync(queued.Id, Waits.Timeout);

        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Equal("Character \"Mira\" has no reference image in the blob store; upload its image again.", done.Error);
        Assert.Null(done.ArtifactHash);
        await AssertFailedOnceAsync(world, queued.HangfireJobId!);
    }

    private static async Task AssertFailedOnceAsync(JobsWorld world, string jobId)
    {
        await Waits.HangfireStateAsync(world.Storage, jobId, "Failed");
        // Give a mistaken retry time to show up.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var history = world.Storage.GetMonitoringApi().JobDetails(jobId).History;
        Assert.Equal(1, history.Count(h => h.StateName == "Processing"));
        Assert.Equal("Failed", history[0].StateName);
    }
}
