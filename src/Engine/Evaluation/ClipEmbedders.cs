using TorchSharp;

namespace DreamTuner.Engine.Evaluation;

/// <summary>The image and text embedders of one loaded CLIP model, which they share (CLIP-T compares the two).</summary>
public sealed record ClipEmbedders(ClipImageEmbedder Image, ClipTextEmbedder Text, torch.nn.Module Model) : IDisposable
{
    /// <summary>Both embedders of a CLIP folder (<see cref="ClipModelFolder"/>), sharing one loaded model.</summary>
    /// <exception cref="Checkpoints.CheckpointException">A file is missing or does not fit.</exception>
    public static ClipEmbedders Load(string clipDir)
    {
        var model = ClipModelFolder.LoadModel(clipDir);
        try
        {
            return new ClipEmbedders(new ClipImageEmbedder(model), new ClipTextEmbedder(model, ClipModelFolder.LoadTokenizer(clipDir)), model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose() => Model.Dispose();
}
