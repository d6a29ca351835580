using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>The studio's default model id on the committed starter model, through the real queue and engine worker.</summary>
public sealed class BundledStarterModelJobTests
{
    [Fact]
    public async Task A_character_generation_on_the_default_model_runs_dreamtuner_with_its_subject_encoder_pose_controlnet_and_scores()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        _ = BundledStarterModel.FolderPath;
        var pose = await GenerationKindsWorld.BlobAsync(world, GenerationKindsWorld.Png(64, 64));
        var rex = await GenerationKindsWorld.CharacterAsync(world, project, "Rex", "[S1*]", GenerationKindsWorld.Png(64, 64, transparentBorder: true));

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3, model: BundledStarterModel.ModelId) with
        {
            Prompt = "a small [S1*] creature, at the bottom left, in the snow", CharacterIds = [rex.Id], Width = 64, Height = 64,
            ControlType = ControlType.Pose, ControlImageHash = pose,
        });

        var done = await world.WaitForEndAsync(queued.Id, Waits.Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var image = Assert.Single(done.Images);
        Assert.Equal((64, 64), (image.Width, image.Height));
        var info = await GenerationKindsWorld.ParametersAsync(world, image);
        Assert.Equal("dreamtuner", info.Get("Method"));
        Assert.Equal("subject-encoder", info.Get("Coarse identity"));
        Assert.NotNull(image.IdentityScore);
        Assert.NotNull(image.PromptScore);
    }
}
