using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Ancestral Euler (k-diffusion sample_euler_ancestral with eta 1, diffusers' EulerAncestralDiscreteScheduler):
/// an Euler step down to sigma_down, then fresh noise of std sigma_up, with sigma_up^2 = sigma_to^2 (sigma_from^2 -
/// sigma_to^2) / sigma_from^2 and sigma_down^2 = sigma_to^2 - sigma_up^2, so the marginal noise level is sigma_to.
/// Noise comes from the step's generator as torch.randn(shape, generator) on the CPU. Stateless.
/// </summary>
public sealed class EulerAncestralScheduler(SchedulerConfig config) : EulerSchedulerBase(config)
{
    public override SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null)
    {
        var i = FullIndex(stepIndex);
        float sigmaFrom = SigmaAt(i), sigmaTo = SigmaAt(i + 1);
        var (sigmaDown, sigmaUp) = AncestralSigmas(sigmaFrom, sigmaTo);

        using var scope = NewDisposeScope();
        var x = Upcast(sample);
        var x0 = Prediction.OriginalFromVe(Upcast(modelOutput), x, sigmaFrom, Config.PredictionType);
        var prev = EulerDiscreteScheduler.EulerStep(x, x0, sigmaFrom, sigmaDown);
        prev = prev + Noise(modelOutput, generator).to(prev.dtype) * sigmaUp;
        return new SchedulerStepResult(
            prev.to(sample.dtype).MoveToOuterDisposeScope(),
            x0.to(sample.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>k-diffusion get_ancestral_step with eta 1 (float32 like diffusers' tensor arithmetic).</summary>
    public static (float Down, float Up) AncestralSigmas(float sigmaFrom, float sigmaTo)
    {
        var up = MathF.Sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo) / (sigmaFrom * sigmaFrom));
        var down = MathF.Sqrt(sigmaTo * sigmaTo - up * up);
        return (down, up);
    }
}
