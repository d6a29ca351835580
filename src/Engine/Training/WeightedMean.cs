using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// A loss averaged with per-element weights: Σ w·e / Σ w, with <c>weights</c> broadcast to the error's shape. Uniform
/// weights give the plain mean, so a weighted loss keeps the scale (and learning rate) of the unweighted one.
/// </summary>
public static class WeightedMean
{
    public static Tensor Of(Tensor error, Tensor weights)
    {
        using var w = weights.to(error.dtype).to(error.device).expand_as(error);
        return (error * w).sum() / w.sum();
    }
}
