using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// One stage ready to train: its trainable parameters, the loss of a step (all randomness from the step's
/// generator), and how to write the trained components into the model folder. Owns the modules it built.
/// </summary>
public sealed class StarterStageSession : IDisposable
{
    public required IReadOnlyDictionary<string, Parameter> Trainable { get; init; }
    public required Func<int, Generator, Tensor> Loss { get; init; }
    /// <summary>Writes the stage's components into the model folder (fp16 weights).</summary>
    public required Action<string> Save { get; init; }
    public required double LearningRate { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>Parameters of the components this stage writes (frozen helpers not counted).</summary>
    public required long SavedParameters { get; init; }
    /// <summary>The folders under the model folder this stage writes.</summary>
    public required IReadOnlyList<string> Components { get; init; }
    public required IReadOnlyList<nn.Module> Owned { get; init; }
    /// <summary>Other things the stage holds (its latent pool).</summary>
    public IReadOnlyList<IDisposable> Disposables { get; init; } = [];

    public void Dispose()
    {
        foreach (var item in Disposables)
            item.Dispose();
        foreach (var module in Owned)
            module.Dispose();
    }
}
