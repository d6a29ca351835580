using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Training;

[Collection(GlobalRngCollection.Name)]
public sealed class StarterStageTrainingTests : IDisposable
{
    private const long Seed = 11;
    private readonly string _dir = TestPaths.NewTempDir("starter-stage");

    public void Dispose() => Directory.Delete(_dir, true);

    private static StarterTrainer Trainer(string root, int checkpointEvery = 3, Action<StarterStage, Engine.Training.TrainingProgress>? onStep = null) =>
        new(new StarterTrainingOptions
        {
            OutDir = Path.Combine(root, "model"),
            WorkDir = Path.Combine(root, "work"),
            Scale = StarterScale.Tiny,
            Seed = Seed,
            CheckpointEvery = checkpointEvery,
            OnStep = onStep,
        });

    private static void TrainVae(string root, int steps, int checkpointEvery = 3, Action<StarterStage, Engine.Training.TrainingProgress>? onStep = null,
        CancellationToken cancellation = default) =>
        TrainStage(StarterStage.Vae, root, steps, checkpointEvery, onStep, cancellation);

    private static void TrainStage(StarterStage stage, string root, int steps, int checkpointEvery = 3,
        Action<StarterStage, Engine.Training.TrainingProgress>? onStep = null, CancellationToken cancellation = default)
    {
        var trainer = Trainer(root, checkpointEvery, onStep);
        var context = trainer.PrepareFolder(Path.Combine(root, "model"), Path.Combine(root, "work"));
        trainer.RunStage(stage, context, new StarterStagePlan(stage, steps, context.Architecture.BatchSizeOf(stage), 0),
            Path.Combine(root, "work"), cancellation);
    }

    /// <summary>Mean squared reconstruction error (posterior mean, no sampling) on fixed training examples.</summary>
    private static double ReconstructionError(AutoencoderKL vae)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var images = new StarterBatches(new Engine.Starter.StarterWorld(Seed), 64).Render([100, 101, 102, 103]).Images;
        using var posterior = vae.Encode(images);
        return nn.functional.mse_loss(vae.Decode(posterior.Mean), images).item<float>();
    }

    [Fact]
    public void A_few_vae_steps_reconstruct_world_images_better_than_the_untrained_vae()
    {
        TrainVae(_dir, steps: 25, checkpointEvery: 100);
        using var trained = AutoencoderKL.FromFolder(Path.Combine(_dir, "model", "vae"));
        // The stage's own starting point: same config, same initialisation seed.
        manual_seed(Seed * 31 + (int)StarterStage.Vae);
        using var untrained = new AutoencoderKL(StarterArchitecture.Tiny.Vae);
        untrained.eval();

        double before = ReconstructionError(untrained), after = ReconstructionError(trained);

        Assert.True(after < before, $"reconstruction MSE {after:G4} after training is not below {before:G4} before");
        // The saved scaling factor normalises the latents the UNet will see (it is no longer SD's 0.18215).
        Assert.NotEqual(0.18215, trained.ScalingFactor);
    }

    [Fact]
    public void Cancelling_a_stage_and_rerunning_it_ends_with_the_weights_of_an_uninterrupted_run()
    {
        var whole = Path.Combine(_dir, "whole");
        TrainVae(whole, steps: 6);

        var resumed = Path.Combine(_dir, "resumed");
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            TrainVae(resumed, steps: 6, onStep: (_, p) => { if (p.Step == 3) cts.Cancel(); }, cancellation: cts.Token));
        Assert.False(Directory.Exists(Path.Combine(resumed, "model", "vae")));
        // A fresh trainer, as a new process would build, continues from the step-3 checkpoint.
        var resumedSteps = new List<int>();
        TrainVae(resumed, steps: 6, onStep: (_, p) => resumedSteps.Add(p.Step));

        Assert.Equal([4, 5, 6], resumedSteps);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model", "vae", DiffusersFolder.WeightsFileName)),
            File.ReadAllBytes(Path.Combine(resumed, "model", "vae", DiffusersFolder.WeightsFileName)));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "model", "vae", DiffusersFolder.ConfigFileName)),
            File.ReadAllText(Path.Combine(resumed, "model", "vae", DiffusersFolder.ConfigFileName)));
    }

    [Fact]
    public void Resuming_the_text_unet_stage_rebuilds_its_latent_pool_and_matches_an_uninterrupted_run()
    {
        // Both runs start from the same trained VAE; the resumed one also loses its latent pool, which must come back identical.
        var whole = Path.Combine(_dir, "whole");
        var resumed = Path.Combine(_dir, "resumed");
        TrainVae(whole, steps: 2);
        TrainVae(resumed, steps: 2);
        TrainStage(StarterStage.TextUnet, whole, steps: 4, checkpointEvery: 2);

        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => TrainStage(StarterStage.TextUnet, resumed, steps: 4, checkpointEvery: 2,
            onStep: (_, p) => { if (p.Step == 2) cts.Cancel(); }, cancellation: cts.Token));
        File.Delete(Path.Combine(resumed, "work", StarterLatentPool.FileName));
        TrainStage(StarterStage.TextUnet, resumed, steps: 4, checkpointEvery: 2);

        foreach (var file in new[] { Path.Combine("unet", DiffusersFolder.WeightsFileName), Path.Combine("text_encoder", "model.safetensors") })
            Assert.True(File.ReadAllBytes(Path.Combine(whole, "model", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(resumed, "model", file))),
                $"{file} differs after resuming");
    }

    [Fact]
    public void Resuming_the_subject_encoder_stage_matches_an_uninterrupted_run()
    {
        var whole = Path.Combine(_dir, "whole");
        var resumed = Path.Combine(_dir, "resumed");
        foreach (var root in new[] { whole, resumed })
            foreach (var stage in new[] { StarterStage.Vae, StarterStage.TextUnet, StarterStage.ControlNet, StarterStage.Clip })
                TrainStage(stage, root, steps: 1);
        TrainStage(StarterStage.SubjectEncoder, whole, steps: 4, checkpointEvery: 2);

        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => TrainStage(StarterStage.SubjectEncoder, resumed, steps: 4, checkpointEvery: 2,
            onStep: (_, p) => { if (p.Step == 2) cts.Cancel(); }, cancellation: cts.Token));
        Assert.False(Directory.Exists(Path.Combine(resumed, "model", "subject_encoder")));
        var resumedSteps = new List<int>();
        TrainStage(StarterStage.SubjectEncoder, resumed, steps: 4, checkpointEvery: 2, onStep: (_, p) => resumedSteps.Add(p.Step));

        Assert.Equal([3, 4], resumedSteps);
        foreach (var file in new[] { ModelFolderLayout.SubjectEncoderFile, Path.Combine("image_encoder", "model.safetensors") })
            Assert.True(File.ReadAllBytes(Path.Combine(whole, "model", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(resumed, "model", file))),
                $"{file} differs after resuming");
    }

    [Fact]
    public void A_finished_stage_is_skipped_when_the_command_runs_again()
    {
        TrainVae(_dir, steps: 2);
        var steps = new List<int>();
        TrainVae(_dir, steps: 2, onStep: (_, p) => steps.Add(p.Step));
        Assert.Empty(steps);
    }
}
