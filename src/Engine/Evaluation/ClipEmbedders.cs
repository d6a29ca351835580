using TorchSharp;

namespace DreamTuner.Engine.Evaluation;

/// <summary>The image and text embedders of one loaded CLIP model, which they share (CLIP-T compares the two).</summary>
public sealed record ClipEmbedders(ClipImageEmbedder Image, ClipTextEmbedder Text, torch.nn.Module Model) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
