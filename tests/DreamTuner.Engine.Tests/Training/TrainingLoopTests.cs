using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Unet;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

[Collection(GlobalRngCollection.Name)]
public sealed class TrainingLoopTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-train");

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>
    /// Weights drawn from the test's own generator, not the process-wide one: test classes run in parallel and
    /// every module constructor elsewhere draws from the global generator, so manual_seed alone is not repeatable.
    /// </summary>
    private static UNet2DConditionModel TinyUnet()
    {
        var unet = new UNet2DConditionModel(RandomModelSpec.Tiny.Unet with { BlockOutChannels = [16, 32], NormNumGroups = 8, CrossAttentionDim = 16 });
        using var generator = new Generator(7);
        using var noGrad = no_grad();
        foreach (var (name, p) in unet.named_parameters())
        {
            if (p.dim() > 1)
            {
                // PyTorch's default range for linear and conv weights: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
                double bound = 1 / Math.Sqrt(p.shape[1..].Aggregate(1L, (a, b) => a * b));
                p.copy_((rand(p.shape, generator: generator) * 2 - 1) * bound);
            }
            else if (!name.Contains("norm"))
                p.copy_((rand(p.shape, generator: generator) * 2 - 1) * 0.05);
        }
        return unet;
    }

    private static (TrainingLoop Loop, UNet2DConditionModel Unet) Build(int steps, string? checkpointDir, CancellationToken stopAfter = default,
        Action<TrainingProgress>? onStep = null, Func<int, double>? learningRateAt = null, (double Decay, int StartStep)? average = null)
    {
        var unet = TinyUnet();
        var loss = new DiffusionLoss(SchedulerConfig.Read(Path.Combine(TestPaths.TinySd15, "scheduler", "scheduler_config.json")));
        using var data = new Generator(99);
        var latents = randn([1, 4, 8, 8], generator: data).DetachFromDisposeScope();
        var text = randn([1, 5, 16], generator: data).DetachFromDisposeScope();
        var trainable = unet.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var optimizer = optim.AdamW(trainable.Values, lr: 1e-3, weight_decay: 0);
        return (new TrainingLoop
        {
            Trainable = trainable,
            Optimizer = optimizer,
            Loss = (_, g) => loss.Compute(unet, latents, text, g),
            TotalSteps = steps,
            Seed = 1234,
            CheckpointDir = checkpointDir,
            CheckpointEvery = 3,
            OnStep = onStep,
            LearningRateAt = learningRateAt,
            Average = average is { } a ? new AveragedWeights(trainable, a.Decay, a.StartStep) : null,
        }, unet);
    }

    [Fact]
    public void The_schedule_sets_every_steps_learning_rate_over_the_optimisers_own()
    {
        var rates = new List<double>();
        TrainingLoop? running = null;
        // The optimiser was built with lr 1e-3; a schedule of 0 must keep every weight exactly where it started.
        var (loop, unet) = Build(4, null, onStep: _ => rates.Add(running!.Optimizer.ParamGroups.First().LearningRate),
            learningRateAt: step => step == 3 ? 5e-4 : 0);
        running = loop;
        using var _ = unet;
        var before = unet.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        loop.Run();
        Assert.Equal([0, 0, 0, 5e-4], rates);
        var moved = unet.named_parameters().Count(p => !p.parameter.equal(before[p.name]).all().item<bool>());
        Assert.True(moved > 0, "the last step, at 5e-4, moves the weights");

        var (frozen, frozenUnet) = Build(3, null, learningRateAt: _ => 0);
        using var f = frozenUnet;
        var start = frozenUnet.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        frozen.Run();
        foreach (var (name, p) in frozenUnet.named_parameters())
            Assert.True(p.equal(start[name]).all().item<bool>(), $"{name} moved at learning rate 0");
    }

    [Fact]
    public void Overfitting_one_latent_lowers_the_loss()
    {
        var (loop, unet) = Build(30, null);
        using var _ = unet;
        var losses = loop.Run();
        Assert.True(losses.Skip(20).Average() < losses.Take(10).Average(),
            $"loss did not fall: first ten {losses.Take(10).Average():G4}, last ten {losses.Skip(20).Average():G4}");
    }

    [Fact]
    public void Resuming_from_a_checkpoint_gives_the_same_weights_as_an_uninterrupted_run()
    {
        var (full, fullUnet) = Build(6, Path.Combine(_dir, "full"));
        using var a = fullUnet;
        var fullLosses = full.Run();

        var resumeDir = Path.Combine(_dir, "resumed");
        using var cts = new CancellationTokenSource();
        var (first, firstUnet) = Build(6, resumeDir, onStep: p => { if (p.Step == 3) cts.Cancel(); });
        using (firstUnet)
            Assert.Throws<OperationCanceledException>(() => first.Run(cts.Token));
        Assert.Equal(3, TrainingCheckpoint.TryRead(resumeDir)!.Step);

        // A new process would build everything afresh and pick the checkpoint up.
        var (second, secondUnet) = Build(6, resumeDir);
        using var b = secondUnet;
        var resumedLosses = second.Run();

        Assert.Equal(fullLosses, resumedLosses);
        foreach (var ((name, pa), (_, pb)) in fullUnet.named_parameters().Zip(secondUnet.named_parameters()))
            Assert.True(pa.equal(pb).all().item<bool>(), $"{name} differs after resuming");
    }

    [Fact]
    public void Cancellation_stops_between_steps_and_keeps_the_last_checkpoint()
    {
        using var cts = new CancellationTokenSource();
        int seen = 0;
        var (loop, unet) = Build(10, Path.Combine(_dir, "c"), onStep: p => { seen = p.Step; if (p.Step == 4) cts.Cancel(); });
        using var _ = unet;
        Assert.Throws<OperationCanceledException>(() => loop.Run(cts.Token));
        Assert.Equal(4, seen);
        Assert.Equal(3, TrainingCheckpoint.TryRead(Path.Combine(_dir, "c"))!.Step);
    }

    [Fact]
    public void Row_mask_lets_only_the_chosen_embedding_rows_learn()
    {
        using var scope = NewDisposeScope();
        var table = nn.Embedding(6, 4);
        var before = table.weight!.clone();
        var mask = new GradientRowMask(table.weight!, [5]);
        var optimizer = optim.AdamW(table.parameters(), lr: 0.1, weight_decay: 0);
        var loss = table.call(tensor(new long[] { 1, 5, 3 })).pow(2).sum();
        loss.backward();
        mask.Apply();
        optimizer.step();
        var changed = (table.weight! - before).abs().sum(1);
        Assert.True(changed[5].item<float>() > 0);
        Assert.Equal(0f, changed[1].item<float>());
        Assert.Equal(0f, changed[3].item<float>());
    }

    [Fact]
    public void Resuming_keeps_the_weight_average_an_uninterrupted_run_ends_with()
    {
        var (full, fullUnet) = Build(7, Path.Combine(_dir, "full"), average: (0.9, 2));
        using var a = fullUnet;
        using var fullAverage = full.Average!;
        full.Run();

        var resumeDir = Path.Combine(_dir, "resumed");
        using var cts = new CancellationTokenSource();
        var (first, firstUnet) = Build(7, resumeDir, onStep: p => { if (p.Step == 3) cts.Cancel(); }, average: (0.9, 2));
        using (firstUnet)
        using (first.Average)
            Assert.Throws<OperationCanceledException>(() => first.Run(cts.Token));
        Assert.True(File.Exists(Path.Combine(resumeDir, TrainingCheckpoint.AverageFile)), "the checkpoint at step 3 holds the average");

        var (second, secondUnet) = Build(7, resumeDir, average: (0.9, 2));
        using var b = secondUnet;
        using var secondAverage = second.Average!;
        second.Run();
        AssertSameAverage(fullAverage, secondAverage);
        var moved = fullUnet.named_parameters().Count(p => !p.parameter.equal(fullAverage.State![p.name]).all().item<bool>());
        Assert.True(moved > 0, "the average lags the last weights");
    }

    [Fact]
    public void An_average_starting_at_a_finished_runs_last_step_continues_it_like_one_planned_from_the_start()
    {
        // A run planned with the average from step 3 on, and one that first trains 3 plain steps and is then
        // continued with the average, see the same steps and end with the same average.
        var (planned, plannedUnet) = Build(6, Path.Combine(_dir, "planned"), average: (0.8, 3));
        using var a = plannedUnet;
        using var plannedAverage = planned.Average!;
        planned.Run();

        var continued = Path.Combine(_dir, "continued");
        TrainWithoutAverage(3, continued);
        var (more, moreUnet) = Build(6, continued, average: (0.8, 3));
        using var b = moreUnet;
        using var moreAverage = more.Average!;
        more.Run();
        AssertSameAverage(plannedAverage, moreAverage);
    }

    [Fact]
    public void A_checkpoint_past_the_averages_start_without_an_average_is_refused()
    {
        var dir = Path.Combine(_dir, "plain");
        TrainWithoutAverage(3, dir);
        var (averaged, averagedUnet) = Build(6, dir, average: (0.9, 1));
        using var _ = averagedUnet;
        using var average = averaged.Average!;
        var error = Assert.Throws<CheckpointException>(() => averaged.Run());
        Assert.Contains("without weight averaging", error.Message);
    }

    private static void TrainWithoutAverage(int steps, string checkpointDir)
    {
        var (plain, unet) = Build(steps, checkpointDir);
        using (unet)
            plain.Run();
    }

    private static void AssertSameAverage(AveragedWeights expected, AveragedWeights actual)
    {
        foreach (var (name, tensor) in expected.State!)
            Assert.True(tensor.equal(actual.State![name]).all().item<bool>(), $"the average of {name} differs");
    }
}
