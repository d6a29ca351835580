using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Support;

/// <summary>
/// Keeps copies of everything a generation shows its observer and step callback, detached from the run's dispose
/// scopes (the pipeline frees its own tensors when the step ends). Dispose it to free the copies.
/// </summary>
public sealed class RecordingObserver : IGenerationObserver, IDisposable
{
    public Tensor? PromptEmbeddings { get; private set; }
    public Tensor? Timesteps { get; private set; }
    public List<Tensor> ModelOutputs { get; } = [];
    public List<Tensor> Latents { get; } = [];

    public void OnPromptEmbeddings(Tensor embeddings) => PromptEmbeddings = Keep(embeddings);

    public void OnTimesteps(Tensor timesteps) => Timesteps = Keep(timesteps);

    public void OnModelOutput(int stepIndex, Tensor output) => ModelOutputs.Add(Keep(output));

    public void OnStep(GenerationProgress progress) => Latents.Add(Keep(progress.Latents));

    private static Tensor Keep(Tensor t)
    {
        var copy = t.detach().cpu().clone();
        copy.DetachFromDisposeScope();
        return copy;
    }

    public void Dispose()
    {
        PromptEmbeddings?.Dispose();
        Timesteps?.Dispose();
        foreach (var t in ModelOutputs.Concat(Latents)) t.Dispose();
    }
}
