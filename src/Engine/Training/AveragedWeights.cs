using DreamTuner.Engine.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// An exponential moving average of the trainable weights, kept from <see cref="StartStep"/> on (shadow = decay ·
/// shadow + (1 − decay) · weights after every later step). Diffusion models are usually sampled from such an average:
/// at a constant learning rate the last weights carry the noise of the last few hundred steps, and the average
/// removes it without lowering the rate (a decayed rate did raise text fidelity here, but left the model sharper and
/// worse to fine-tune). Starting late lets a run continue a finished constant-rate run exactly.
/// </summary>
public sealed class AveragedWeights : IDisposable
{
    private readonly IReadOnlyDictionary<string, Parameter> trainable;
    private Dictionary<string, Tensor>? shadow;

    public AveragedWeights(IReadOnlyDictionary<string, Parameter> trainable, double decay, int startStep)
    {
        ArgumentNullException.ThrowIfNull(trainable);
        if (!(decay > 0 && decay < 1)) throw new ArgumentException($"the average's decay must lie strictly between 0 and 1, got {decay}.");
        if (startStep < 0) throw new ArgumentException($"the average's start step must be at least 0, got {startStep}.");
        this.trainable = trainable;
        Decay = decay;
        StartStep = startStep;
    }

    public double Decay { get; }
    public int StartStep { get; }

    /// <summary>True once the average holds weights (from <see cref="StartStep"/> on).</summary>
    public bool Started => shadow is not null;

    /// <summary>
    /// Before a run's first step (<paramref name="stepsDone"/> = 0 or the resumed step, after any checkpoint's average was
    /// restored): a run that starts exactly at <see cref="StartStep"/> starts the average from the current weights.
    /// </summary>
    public void Begin(int stepsDone)
    {
        if (stepsDone < StartStep || shadow is not null) return;
        if (stepsDone > StartStep)
            throw new CheckpointException($"the weight average starts at step {StartStep}, but training resumes at step {stepsDone} without one: " +
                "the checkpoint was made by a run without weight averaging; train in another work folder");
        StartFromWeights();
    }

    /// <summary>After each step: the average starts at <see cref="StartStep"/> and folds in the weights of every later step.</summary>
    public void AfterStep(int stepsDone)
    {
        if (stepsDone < StartStep) return;
        if (stepsDone == StartStep)
        {
            StartFromWeights();
            return;
        }
        if (shadow is null)
            throw new InvalidOperationException($"step {stepsDone} is past the average's start ({StartStep}): call Begin before the first step.");
        using var noGrad = no_grad();
        foreach (var (name, weight) in trainable)
            shadow[name].lerp_(weight, 1 - Decay);
    }

    /// <summary>The averaged tensors, for a checkpoint (null before <see cref="StartStep"/>).</summary>
    public IReadOnlyDictionary<string, Tensor>? State => shadow;

    /// <summary>Starts the average as a copy of the current weights and returns it (a checkpoint then fills it in).</summary>
    internal IReadOnlyDictionary<string, Tensor> StartFromWeights()
    {
        Dispose();
        using var noGrad = no_grad();
        shadow = trainable.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        return shadow;
    }

    /// <summary>Overwrites the weights with the average (the weights a finished stage saves).</summary>
    public void CopyToWeights()
    {
        if (shadow is null)
            throw new InvalidOperationException($"the weight average has not started (it starts at step {StartStep}).");
        using var noGrad = no_grad();
        foreach (var (name, weight) in trainable)
            weight.copy_(shadow[name]);
    }

    public void Dispose()
    {
        if (shadow is null) return;
        foreach (var t in shadow.Values) t.Dispose();
        shadow = null;
    }
}
