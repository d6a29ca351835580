using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// Finds the subject of a reference image (the paper uses a salient-object model). Returns a [1, 1, H, W] mask in
/// [0, 1] (1 = subject), or null when this segmenter cannot tell, so the next one in line is asked.
/// </summary>
public interface IForegroundSegmenter
{
    Tensor? Segment(Tensor image01, Tensor? alpha);
}
