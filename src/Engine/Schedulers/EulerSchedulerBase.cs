using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// What the k-diffusion style samplers share (Karras et al. 2022, sec. 2: x = x0 + sigma * eps in "VE" space):
/// the sigma schedule (trained sigmas interpolated at the inference timesteps, or Karras sigmas, plus a final 0),
/// input scaling by 1/sqrt(sigma^2 + 1) so the UNet sees its training (VP) scale, and forward noising x0 + sigma*noise.
/// Timesteps are float32 and may be fractional.
/// </summary>
public abstract class EulerSchedulerBase : SchedulerBase
{
    private readonly float[] _trainSigmas;
    private float[] _timesteps = [];
    private float[] _sigmas = [];

    protected EulerSchedulerBase(SchedulerConfig config) : base(config, SchedulerConfig.Linspace)
    {
        _trainSigmas = NoiseSchedule.TrainSigmas(AlphasCumprod);
    }

    /// <summary>Sigmas of the loop steps plus the final 0 (length <see cref="SchedulerBase.StepCount"/> + 1).</summary>
    public Tensor Sigmas => tensor(_sigmas[Begin..], ScalarType.Float32);

    /// <summary>
    /// The largest sigma for "linspace"/"trailing" spacing, sqrt(sigma_max^2 + 1) for "leading" (diffusers: leading
    /// schedules start below t_max, so the initial noise keeps the data-scale variance term).
    /// </summary>
    public override double InitNoiseSigma
    {
        get
        {
            var max = _sigmas.Length == 0 ? throw new InvalidOperationException("Call SetTimesteps first.") : _sigmas.Max();
            return Spacing is SchedulerConfig.Linspace or SchedulerConfig.Trailing ? max : MathF.Sqrt(max * max + 1f);
        }
    }

    protected float SigmaAt(int fullIndex) => _sigmas[fullIndex];

    protected override (Tensor Timesteps, int Begin) BuildSchedule(int steps, int start)
    {
        var timesteps = TimestepSchedule.Standard(Spacing, Config.NumTrainTimesteps, steps, Config.StepsOffset)
            .Select(t => (double)(float)t).ToArray();
        var sigmas = timesteps.Select(t => NumpyMath.InterpOnIndex(t, _trainSigmas)).ToArray();
        if (Config.UseKarrasSigmas)
        {
            // Karras between the first and last interpolated sigma; timesteps follow the sigmas (unrounded).
            sigmas = SigmaSchedule.Karras(sigmas[^1], sigmas[0], steps);
            var logSigmas = SigmaSchedule.LogSigmas(_trainSigmas);
            timesteps = sigmas.Select(s => SigmaSchedule.SigmaToT(s, logSigmas)).ToArray();
        }
        _timesteps = timesteps.Select(t => (float)t).ToArray();
        _sigmas = [.. sigmas.Select(s => (float)s), 0f];
        return (tensor(_timesteps[start..], ScalarType.Float32), start);
    }

    public override Tensor TimestepAt(int stepIndex) => tensor(_timesteps[FullIndex(stepIndex)], ScalarType.Float32);

    /// <summary>x / sqrt(sigma^2 + 1): the UNet was trained on VP-scaled inputs.</summary>
    public override Tensor ScaleModelInput(Tensor sample, int stepIndex)
    {
        var sigma = _sigmas[FullIndex(stepIndex)];
        return sample / MathF.Sqrt(sigma * sigma + 1f);
    }

    /// <summary>x0 + sigma * noise at the step's sigma.</summary>
    public override Tensor AddNoise(Tensor original, Tensor noise, int stepIndex)
    {
        var sigma = _sigmas[FullIndex(stepIndex)];
        using var scope = NewDisposeScope();
        return (original + noise * sigma).MoveToOuterDisposeScope();
    }
}
