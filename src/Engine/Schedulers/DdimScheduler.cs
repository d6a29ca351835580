using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// DDIM (Song et al. 2021, "Denoising Diffusion Implicit Models", eq. 12), as diffusers' DDIMScheduler:
/// x_prev = sqrt(a_prev) * x0 + sqrt(1 - a_prev - std^2) * eps + std * z, std = eta * sqrt((1-a_prev)/(1-a) * (1 - a/a_prev)).
/// eta = 0 is deterministic; eta &gt; 0 draws z from the step's generator. Stateless: steps may be taken in any order.
/// </summary>
public sealed class DdimScheduler : SchedulerBase
{
    private readonly double _eta;
    private readonly float _finalAlphaCumprod;
    private long[] _timesteps = [];

    public DdimScheduler(SchedulerConfig config, SamplerOptions? options = null)
        : base(WithClassDefaults(config), SchedulerConfig.Leading)
    {
        options ??= SamplerOptions.Default;
        options.Validate();
        _eta = options.Eta;
        // After the last step alpha_cumprod is 1 (fully denoised) or, as SD 1.x configures it, alphas_cumprod[0].
        _finalAlphaCumprod = Config.SetAlphaToOne == true ? 1f : AlphasCumprod[0];
    }

    /// <summary>DDIMScheduler's defaults: set_alpha_to_one and clip_sample are true unless the file says otherwise.</summary>
    private static SchedulerConfig WithClassDefaults(SchedulerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config with { SetAlphaToOne = config.SetAlphaToOne ?? true, ClipSample = config.ClipSample ?? true };
    }

    public override double InitNoiseSigma => 1.0;

    protected override (Tensor Timesteps, int Begin) BuildSchedule(int steps, int start)
    {
        _timesteps = TimestepSchedule.Standard(Spacing, Config.NumTrainTimesteps, steps, Config.StepsOffset)
            .Select(t => (long)NumpyMath.Round(t)).ToArray();
        return (tensor(_timesteps[start..], ScalarType.Int64), start);
    }

    public override Tensor TimestepAt(int stepIndex) => tensor(_timesteps[FullIndex(stepIndex)], ScalarType.Int64);

    public override Tensor ScaleModelInput(Tensor sample, int stepIndex)
    {
        FullIndex(stepIndex);
        return sample.alias();
    }

    public override SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null)
    {
        var t = _timesteps[FullIndex(stepIndex)];
        // diffusers steps back by a fixed stride, whatever the spacing.
        var prevT = t - Config.NumTrainTimesteps / InferenceSteps;
        double alphaProd = AlphaAt(t), alphaProdPrev = AlphaAt(prevT);
        double betaProd = 1 - alphaProd, betaProdPrev = 1 - alphaProdPrev;

        using var scope = NewDisposeScope();
        var x = Upcast(sample);
        var m = Upcast(modelOutput);
        var x0 = Prediction.OriginalFromVp(m, x, Math.Sqrt(alphaProd), Math.Sqrt(betaProd), Config.PredictionType);
        var eps = Prediction.EpsilonFromVp(m, x, Math.Sqrt(alphaProd), Math.Sqrt(betaProd), Config.PredictionType);
        if (Config.ClipSample == true)
            x0 = x0.clamp(-Config.ClipSampleRange, Config.ClipSampleRange);

        var variance = betaProdPrev / betaProd * (1 - alphaProd / alphaProdPrev);
        var std = _eta * Math.Sqrt(variance);
        var direction = Math.Sqrt(1 - alphaProdPrev - std * std) * eps;
        var prev = Math.Sqrt(alphaProdPrev) * x0 + direction;
        if (_eta > 0)
            prev = prev + std * Noise(modelOutput, generator).to(prev.dtype);

        return new SchedulerStepResult(
            prev.to(sample.dtype).MoveToOuterDisposeScope(),
            x0.to(sample.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>q(x_t | x_0): sqrt(a_t) * x0 + sqrt(1 - a_t) * noise at the step's timestep.</summary>
    public override Tensor AddNoise(Tensor original, Tensor noise, int stepIndex)
    {
        var a = AlphasCumprod[_timesteps[FullIndex(stepIndex)]];
        using var scope = NewDisposeScope();
        return (MathF.Sqrt(a) * original + MathF.Sqrt(1f - a) * noise).MoveToOuterDisposeScope();
    }

    private double AlphaAt(long t) => t >= 0 ? AlphasCumprod[t] : _finalAlphaCumprod;
}
