using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>img2img and ControlNet jobs, dispatched like the studio does and run by a real engine worker on tiny models.</summary>
public sealed class GenerationKindTests
{
    private static readonly TimeSpan Timeout = Waits.Timeout;

    [Fact]
    public async Task An_img2img_job_starts_from_the_init_image_and_records_its_strength()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var init = await GenerationKindsWorld.BlobAsync(world, GenerationKindsWorld.Png(32, 32));

        var plain = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3));
        var img2img = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3) with { InitImageHash = init, InitStrength = 0.6 });

        var plainDone = await world.WaitForEndAsync(plain.Id, Timeout);
        var done = await world.WaitForEndAsync(img2img.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var image = Assert.Single(done.Images);
        var info = await GenerationKindsWorld.ParametersAsync(world, image);
        Assert.Equal("img2img", info.Get("Method"));
        Assert.Equal("0.6", info.Get("Denoising strength"));
        Assert.NotEqual(await GenerationKindsWorld.ImageBytesAsync(world, plainDone.Images.Single()), await GenerationKindsWorld.ImageBytesAsync(world, image));
    }

    [Fact]
    public async Task A_controlnet_job_loads_the_pose_controlnet_from_the_model_folder_and_changes_the_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        _ = TinyAddOnModel.FolderPath;
        var pose = await GenerationKindsWorld.BlobAsync(world, GenerationKindsWorld.Png(32, 32, blue: 20));

        var plain = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3, model: TinyAddOnModel.ModelId));
        var controlled = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 3, model: TinyAddOnModel.ModelId) with
        {
            ControlImageHash = pose, ControlType = ControlType.Pose, ControlScale = 1.5,
        });

        var plainDone = await world.WaitForEndAsync(plain.Id, Timeout);
        var done = await world.WaitForEndAsync(controlled.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var image = Assert.Single(done.Images);
        var info = await GenerationKindsWorld.ParametersAsync(world, image);
        Assert.Equal("controlnet", info.Get("Method"));
        Assert.Equal("pose", info.Get("ControlNet"));
        Assert.Equal("1.5", info.Get("ControlNet scale"));
        Assert.NotEqual(await GenerationKindsWorld.ImageBytesAsync(world, plainDone.Images.Single()), await GenerationKindsWorld.ImageBytesAsync(world, image));
    }

    [Fact]
    public async Task A_control_image_for_a_model_without_that_controlnet_fails_with_the_folder_it_looked_for()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var depth = await GenerationKindsWorld.BlobAsync(world, GenerationKindsWorld.Png(32, 32));

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2) with
        {
            ControlImageHash = depth, ControlType = ControlType.Depth,
        });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal(JobStatus.Failed, done.Status);
        Assert.Contains("controlnet-depth/", done.Error);
        Assert.Empty(done.Images);
    }
}
