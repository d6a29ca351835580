using static TorchSharp.torch;

namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// One example at training resolution on the CPU: the image [1, 3, R, R] and subject mask [1, 1, R, R] in [0, 1], and
/// the depth map [1, 3, R, R] in [0, 1] when the folder has one for it.
/// </summary>
public sealed record PretrainingSample(Tensor Image01, Tensor Mask, Tensor? Depth01, string Caption) : IDisposable
{
    public void Dispose()
    {
        Image01.Dispose();
        Mask.Dispose();
        Depth01?.Dispose();
    }
}
