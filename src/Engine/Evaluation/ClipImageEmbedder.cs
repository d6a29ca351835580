using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// CLIP image embeddings (CLIP-I, and the image side of CLIP-T): the vision tower's pooled output through
/// <c>visual_projection</c>, normalised to unit length, after CLIP's own preprocessing (<see cref="ClipImagePreprocessor"/>).
/// </summary>
public sealed class ClipImageEmbedder(StarterClipModel model) : IImageEmbedder
{
    private readonly StarterClipModel _model = model ?? throw new ArgumentNullException(nameof(model));
    private readonly ClipImagePreprocessor _preprocessor = ClipImagePreprocessor.For(model.Config.VisionConfig);

    /// <summary>Loads the CLIP folder (see <see cref="ClipModelFolder.LoadModel"/> for its errors).</summary>
    public static ClipImageEmbedder FromFolder(string clipDir) => new(ClipModelFolder.LoadModel(clipDir));

    public float[] Embed(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() != 3 || image.shape[0] != 3)
            throw new ArgumentException($"image must be [3, height, width], got [{string.Join(", ", image.shape)}]", nameof(image));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pixels = _preprocessor.Preprocess(image.to(ScalarType.Float32).cpu().unsqueeze(0));
        return _model.ImageEmbeds(pixels)[0].to(ScalarType.Float32).data<float>().ToArray();
    }
}
