using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Euler's method on the probability-flow ODE dx/dsigma = (x - x0(x, sigma)) / sigma (Karras et al. 2022,
/// Algorithm 2 without churn; k-diffusion sample_euler), as diffusers' EulerDiscreteScheduler with s_churn = 0.
/// Deterministic and stateless.
/// </summary>
public sealed class EulerDiscreteScheduler(SchedulerConfig config) : EulerSchedulerBase(config)
{
    public override SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null)
    {
        var i = FullIndex(stepIndex);
        float sigma = SigmaAt(i), sigmaNext = SigmaAt(i + 1);

        using var scope = NewDisposeScope();
        var x = Upcast(sample);
        var x0 = Prediction.OriginalFromVe(Upcast(modelOutput), x, sigma, Config.PredictionType);
        var prev = EulerStep(x, x0, sigma, sigmaNext);
        return new SchedulerStepResult(
            prev.to(sample.dtype).MoveToOuterDisposeScope(),
            x0.to(sample.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>x + d * (sigma_to - sigma) with the ODE derivative d = (x - x0) / sigma.</summary>
    internal static Tensor EulerStep(Tensor x, Tensor x0, float sigma, float sigmaTo)
    {
        var derivative = (x - x0) / sigma;
        return x + derivative * (sigmaTo - sigma);
    }
}
