using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>The last resort: the whole image is the subject (background is then not cut out).</summary>
public sealed class WholeImageForegroundSegmenter : IForegroundSegmenter
{
    public static WholeImageForegroundSegmenter Instance { get; } = new();

    public Tensor? Segment(Tensor image01, Tensor? alpha) =>
        ones(1, 1, image01.shape[2], image01.shape[3], dtype: ScalarType.Float32, device: image01.device);
}
