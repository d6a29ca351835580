using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>The identity and prompt scores a generation job stores with its images, on tiny random models.</summary>
public sealed class ImageScoreJobTests
{
    private static readonly TimeSpan Timeout = Waits.Timeout;

    [Fact]
    public async Task A_character_generation_stores_an_identity_score_and_no_prompt_score_when_the_model_has_no_clip_folder()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var rex = await GenerationKindsWorld.CharacterAsync(world, project, "Rex", "[S1*]", GenerationKindsWorld.Png(32, 32, transparentBorder: true));

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2) with { Prompt = "[S1*] running", CharacterIds = [rex.Id] });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var image = Assert.Single(done.Images);
        Assert.NotNull(image.IdentityScore);
        Assert.InRange(image.IdentityScore.Value, -1.0, 1.0);
        Assert.Null(image.PromptScore);
    }

    [Fact]
    public async Task A_text_to_image_generation_on_a_model_with_clip_stores_a_prompt_score_and_no_identity_score()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        _ = TinyClipModel.FolderPath;

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2, model: TinyClipModel.ModelId) with
        {
            Prompt = "a photo of a red cat",
        });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var image = Assert.Single(done.Images);
        Assert.Null(image.IdentityScore);
        Assert.NotNull(image.PromptScore);
        Assert.InRange(image.PromptScore.Value, -1.0, 1.0);
    }
}
