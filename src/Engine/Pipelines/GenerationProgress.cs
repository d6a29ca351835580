using static TorchSharp.torch;

namespace DreamTuner.Engine.Pipelines;

/// <summary>
/// Reported after every denoising step. <see cref="PredictedLatents"/> is the scheduler's x0 estimate and
/// <see cref="Latents"/> the new sample the next step starts from (both scaled latents, [B,4,h,w], float32 on the
/// model's device); they are only valid during the callback (copy them to keep them).
/// </summary>
public sealed record GenerationProgress(int Step, int TotalSteps, Tensor PredictedLatents, Tensor Latents, TimeSpan Elapsed)
{
    /// <summary>Remaining time extrapolated from the mean step time so far.</summary>
    public TimeSpan EstimatedRemaining => Step == 0 ? TimeSpan.Zero : Elapsed / Step * (TotalSteps - Step);
}
