using static TorchSharp.torch;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// Turns an image into a feature vector for similarity scores (CLIP-I with a CLIP vision tower, the independent
/// ResNet-18 score). Implementations do their own resizing and normalisation.
/// </summary>
public interface IImageEmbedder
{
    /// <summary>Features of <paramref name="image"/>: <c>[3, H, W]</c> float RGB in [0, 1].</summary>
    float[] Embed(Tensor image);
}
