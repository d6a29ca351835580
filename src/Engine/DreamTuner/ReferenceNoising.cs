using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// Forward diffusion of the reference latent to a shifted timestep (DreamTuner Eq. 4-5: x^r_{t-dt}, x^r_{t+dt'}).
/// The shift is in training timesteps: tau = clamp(t - dt, 0, T - 1) with t the UNet timestep of the step being
/// denoised, so it does not depend on the number of inference steps or the scheduler. The result is
/// sqrt(abar_tau) x0 + sqrt(1 - abar_tau) eps from the scheduler config's alphas_cumprod, i.e. directly the UNet's
/// input space (what <see cref="IScheduler.ScaleModelInput"/> gives for the generated rows), so it bypasses the
/// sigma-space of Euler-type samplers. Fractional tau (Euler timesteps) interpolates abar linearly.
/// </summary>
public sealed class ReferenceNoising(SchedulerConfig config)
{
    private readonly float[] _alphasCumprod = NoiseSchedule.AlphasCumprod(config);

    public int TrainTimesteps => _alphasCumprod.Length;

    public double Shift(double t, double delta) => Math.Clamp(t + delta, 0, TrainTimesteps - 1);

    public double AlphaBar(double tau)
    {
        int lo = (int)Math.Floor(tau), hi = Math.Min(lo + 1, TrainTimesteps - 1);
        double f = tau - lo;
        return _alphasCumprod[lo] * (1 - f) + _alphasCumprod[hi] * f;
    }

    public Tensor Noise(Tensor latents, Tensor noise, double tau)
    {
        double a = AlphaBar(tau);
        return latents * Math.Sqrt(a) + noise * Math.Sqrt(1 - a);
    }
}
