using System.Diagnostics;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// The optimiser loop every training run shares: per-step generator, loss, backward, optional gradient edits and
/// clipping, optimiser step, progress, periodic checkpoints, and resumption from the last checkpoint. Runs
/// synchronously on the calling thread (dispose scopes are thread-local); cancellation is checked between steps.
/// </summary>
public sealed class TrainingLoop
{
    public required IReadOnlyDictionary<string, TorchSharp.Modules.Parameter> Trainable { get; init; }
    public required optim.Optimizer Optimizer { get; init; }
    /// <summary>The loss of one step; draw all randomness from the given generator.</summary>
    public required Func<int, Generator, Tensor> Loss { get; init; }
    public required int TotalSteps { get; init; }
    public long Seed { get; init; }
    public double MaxGradNorm { get; init; } = 1.0;
    /// <summary>The learning rate of each step (e.g. <see cref="CosineLearningRate"/>); null keeps the optimiser's own.</summary>
    public Func<int, double>? LearningRateAt { get; init; }
    /// <summary>Runs after backward, before clipping (e.g. keep only the learned token's embedding row).</summary>
    public Action? AfterBackward { get; init; }
    /// <summary>A weight average kept along the run (checkpointed with it); the caller decides what to do with it at the end.</summary>
    public AveragedWeights? Average { get; init; }
    public string? CheckpointDir { get; init; }
    public int CheckpointEvery { get; init; } = 100;
    public Action<TrainingProgress>? OnStep { get; init; }
    /// <summary>Called after steps that are multiples of <see cref="ValidationEvery"/> (validation images).</summary>
    public Action<int>? OnValidation { get; init; }
    public int ValidationEvery { get; init; }

    /// <summary>Trains from the last checkpoint (or step 0) to <see cref="TotalSteps"/>; returns the loss history.</summary>
    public IReadOnlyList<double> Run(CancellationToken cancellation = default)
    {
        var losses = new List<double>();
        int start = 0;
        if (CheckpointDir is not null && TrainingCheckpoint.TryRead(CheckpointDir) is { } checkpoint)
        {
            TrainingCheckpoint.Restore(CheckpointDir, AsTensors(), Optimizer, Average);
            losses.AddRange(checkpoint.Losses);
            start = checkpoint.Step;
        }
        Average?.Begin(start);
        var parameters = Trainable.Values.ToList();
        var clock = Stopwatch.StartNew();
        for (int step = start; step < TotalSteps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using (var scope = NewDisposeScope())
            using (var generator = StepGenerator.For(Seed, step))
            {
                if (LearningRateAt is not null)
                    foreach (var group in Optimizer.ParamGroups)
                        group.LearningRate = LearningRateAt(step);
                Optimizer.zero_grad();
                var loss = Loss(step, generator);
                loss.backward();
                AfterBackward?.Invoke();
                if (MaxGradNorm > 0)
                    nn.utils.clip_grad_norm_(parameters, MaxGradNorm);
                Optimizer.step();
                losses.Add(loss.item<float>());
            }
            Average?.AfterStep(step + 1);
            int done = step + 1;
            OnStep?.Invoke(new TrainingProgress(done, TotalSteps, losses[^1], clock.Elapsed, done - start));
            if (CheckpointDir is not null && (done % CheckpointEvery == 0 || done == TotalSteps))
                TrainingCheckpoint.Save(CheckpointDir, done, losses, AsTensors(), Optimizer, Average?.State);
            if (ValidationEvery > 0 && done % ValidationEvery == 0)
                OnValidation?.Invoke(done);
        }
        return losses;
    }

    private Dictionary<string, Tensor> AsTensors() => Trainable.ToDictionary(kv => kv.Key, kv => (Tensor)kv.Value);
}
