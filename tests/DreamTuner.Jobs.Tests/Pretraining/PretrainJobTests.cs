using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Training.Pretraining;
using DreamTuner.Engine.Vision;
using DreamTuner.Jobs.Tests.Support;
using Hangfire;
using Hangfire.Common;
using static TorchSharp.torch;

namespace DreamTuner.Jobs.Tests.Pretraining;

/// <summary>Subject-encoder pretraining enqueued through the Hangfire client and run by an engine worker.</summary>
public sealed class PretrainJobTests
{
    private static PretrainJobRequest Request(string dataset = PretrainModelsFolder.DataFolder) => new()
    {
        ModelId = PretrainModelsFolder.ModelId,
        DatasetFolder = dataset,
        Steps = 3,
        BatchSize = 2,
        LearningRate = 1e-3,
        Resolution = PretrainModelsFolder.ImageSize,
        CheckpointEvery = 2,
        Seed = 3,
    };

    private static async Task<EngineHost> EngineOnAsync(JobsWorld world, PretrainModelsFolder models)
    {
        var settings = world.EngineSettings();
        settings["Engine:ModelsRoot"] = models.Root;
        return await EngineHost.StartAsync(settings);
    }

    [Fact]
    public async Task A_queued_pretraining_writes_a_trained_subject_encoder_into_the_model_folder_that_loads_onto_its_unet()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        using var models = new PretrainModelsFolder();
        await using var engine = await EngineOnAsync(world, models);

        var jobId = world.Jobs.Enqueue<IPretrainJobs>(j => j.RunAsync(Request(), null, CancellationToken.None));
        await Waits.HangfireStateAsync(world.Storage, jobId, "Succeeded");

        var file = ModelFolderLayout.ExistingSubjectEncoder(models.ModelPath);
        Assert.NotNull(file);
        Assert.True(ModelFolderLayout.HasCoarseIdentity(models.ModelPath));
        Assert.Equal([PretrainJobRequest.DefaultOutputName, SubjectEncoderConfig.FileName],
            Directory.GetFileSystemEntries(Path.GetDirectoryName(file)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(world.WorkRoot.Path, "pretrain", $"job-{jobId}")), "the checkpoint folder outlived a finished run");

        using var connection = world.Storage.GetConnection();
        var progress = SerializationHelper.Deserialize<PretrainProgress>(connection.GetJobParameter(jobId, IPretrainJobs.ProgressParameter));
        Assert.Equal((3, 3), (progress.Step, progress.TotalSteps));
        Assert.True(double.IsFinite(progress.Loss));

        using var scope = NewDisposeScope();
        using var model = ModelLoader.Load(models.ModelPath, DeviceSpec.Cpu);
        var clip = ClipVisionModel.FromFolder(ModelFolderLayout.ImageEncoder(models.ModelPath));
        using var trained = SubjectEncoderFile.Load(file, model.Unet, clip);
        Assert.All(SubjectEncoderFile.TransformerBlocks(model.Unet), b => Assert.NotNull(b.Block.SubjectAttention));

        // The same encoder as the job's start (same seed and shape) must differ: the file holds trained weights.
        using var untrainedModel = ModelLoader.Load(models.ModelPath, DeviceSpec.Cpu);
        var untrainedClip = ClipVisionModel.FromFolder(ModelFolderLayout.ImageEncoder(models.ModelPath));
        using var untrained = SubjectEncoderPretrainer.CreateFresh(untrainedModel.Unet, untrainedClip,
            PretrainSubjectEncoderCommand.Config(null, new SubjectEncoderConfig().NumResBlocks, untrainedClip.Config,
                untrainedModel.Unet.Config.CrossAttentionDim.Values[0]), seed: 3);
        var before = untrained.Encoder.state_dict();
        Assert.Contains(trained.Encoder.state_dict(), kv => !kv.Value.allclose(before[kv.Key]));
    }

    [Fact]
    public async Task A_missing_dataset_folder_fails_the_job_once_with_a_readable_reason()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        using var models = new PretrainModelsFolder(images: 1);
        await using var engine = await EngineOnAsync(world, models);

        var jobId = world.Jobs.Enqueue<IPretrainJobs>(j => j.RunAsync(Request("no-such-folder"), null, CancellationToken.None));
        await Waits.HangfireStateAsync(world.Storage, jobId, "Failed");
        // Give a mistaken retry time to show up.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var details = world.Storage.GetMonitoringApi().JobDetails(jobId);
        Assert.Equal(1, details.History.Count(h => h.StateName == "Processing"));
        Assert.Equal("Failed", details.History[0].StateName);
        using var connection = world.Storage.GetConnection();
        Assert.StartsWith("The dataset folder \"no-such-folder\" does not exist on this engine",
            connection.GetStateData(jobId).Data["ExceptionMessage"], StringComparison.Ordinal);
        Assert.Null(ModelFolderLayout.ExistingSubjectEncoder(models.ModelPath));
    }

    [Fact]
    public async Task Deleting_a_running_pretraining_stops_it_between_steps_and_leaves_no_encoder_and_no_checkpoint()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        using var models = new PretrainModelsFolder(images: 2);
        await using var engine = await EngineOnAsync(world, models);

        var endless = Request() with { Steps = 100_000, BatchSize = 1 };
        var jobId = world.Jobs.Enqueue<IPretrainJobs>(j => j.RunAsync(endless, null, CancellationToken.None));
        var work = Path.Combine(world.WorkRoot.Path, "pretrain", $"job-{jobId}");
        // The work folder appears with the first checkpoint (every 2 steps here).
        await Waits.UntilAsync(() => Task.FromResult(Directory.Exists(work)), "the first checkpoint");

        Assert.True(world.Jobs.Delete(jobId));
        await Waits.UntilAsync(() => Task.FromResult(!Directory.Exists(work)), "the deleted job's work folder to go", TimeSpan.FromSeconds(20));
        Assert.Null(ModelFolderLayout.ExistingSubjectEncoder(models.ModelPath));
    }
}
