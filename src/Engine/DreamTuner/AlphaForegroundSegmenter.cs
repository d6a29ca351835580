using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>The image's own transparency is the subject mask (cut-outs exported with alpha); null without alpha.</summary>
public sealed class AlphaForegroundSegmenter : IForegroundSegmenter
{
    public static AlphaForegroundSegmenter Instance { get; } = new();

    public Tensor? Segment(Tensor image01, Tensor? alpha) => alpha?.clone();
}
