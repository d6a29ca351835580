using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// PNDM's pseudo linear multistep method PLMS (Liu et al. 2022, "Pseudo Numerical Methods for Diffusion Models on
/// Manifolds", eq. 12 with the transfer part eq. 11), as diffusers' PNDMScheduler with skip_prk_steps (SD 1.x).
/// Warm-up without Runge-Kutta: the first interval is taken twice, first with eps_0 and then again from the same
/// start with the mean of eps_0 and the eps at its end (a Heun step), which is why the schedule repeats its second
/// timestep ([901, 801, 801, 701, ...]). Afterwards Adams-Bashforth combinations of up to four past eps.
/// Stateful: step in order from index 0.
/// </summary>
public sealed class PndmScheduler : SchedulerBase
{
    private readonly float _finalAlphaCumprod;
    private readonly List<Tensor> _ets = [];
    private long[] _timesteps = [];
    private Tensor? _curSample;
    private int _counter;

    public PndmScheduler(SchedulerConfig config) : base(WithClassDefaults(config), SchedulerConfig.Leading)
    {
        if (!config.SkipPrkSteps)
            throw new NotSupportedException("PNDM with Runge-Kutta warm-up (skip_prk_steps=false) is not implemented; set skip_prk_steps=true.");
        if (config.PredictionType == SchedulerConfig.Sample)
            throw new NotSupportedException("PNDM supports prediction_type epsilon and v_prediction only (as diffusers).");
        _finalAlphaCumprod = Config.SetAlphaToOne == true ? 1f : AlphasCumprod[0];
    }

    /// <summary>PNDMScheduler's defaults: set_alpha_to_one false; it has no clip_sample.</summary>
    private static SchedulerConfig WithClassDefaults(SchedulerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config with { SetAlphaToOne = config.SetAlphaToOne ?? false, ClipSample = false };
    }

    public override double InitNoiseSigma => 1.0;

    /// <summary>Training-timestep stride between steps (diffusers: num_train_timesteps // num_inference_steps).</summary>
    private long Stride => Config.NumTrainTimesteps / InferenceSteps;

    protected override (Tensor Timesteps, int Begin) BuildSchedule(int steps, int start)
    {
        // img2img slices the full PLMS list (with its repeated warm-up timestep) at the start index, exactly as
        // diffusers' img2img get_timesteps does (PNDM's order is 1), so results match diffusers number for number.
        // That pairs the sample with a timestep one stride off after the warm-up when start > 0 — a diffusers quirk
        // we keep on purpose for parity.
        _timesteps = PlmsTimesteps(PndmUnique(steps));
        return (tensor(_timesteps[start..], ScalarType.Int64), start);
    }

    /// <summary>The inference timesteps, descending, before the PLMS repetition.</summary>
    private long[] PndmUnique(int steps)
    {
        var t = TimestepSchedule.Standard(Spacing, Config.NumTrainTimesteps, steps, Config.StepsOffset);
        return t.Select(v => (long)NumpyMath.Round(v)).ToArray();
    }

    /// <summary>diffusers: concat(ts[:-1], ts[-2:-1], ts[-1:])[::-1] on the ascending list = repeat the second-highest.</summary>
    private static long[] PlmsTimesteps(long[] descending)
    {
        if (descending.Length < 2)
            return descending;
        return [descending[0], descending[1], .. descending[1..]];
    }

    protected override void ResetState()
    {
        foreach (var e in _ets)
            e.Dispose();
        _ets.Clear();
        _curSample?.Dispose();
        _curSample = null;
        _counter = 0;
    }

    public override Tensor TimestepAt(int stepIndex) => tensor(_timesteps[FullIndex(stepIndex)], ScalarType.Int64);

    public override Tensor ScaleModelInput(Tensor sample, int stepIndex)
    {
        FullIndex(stepIndex);
        return sample.alias();
    }

    public override SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null)
    {
        var timestep = _timesteps[FullIndex(stepIndex)];
        if (stepIndex != _counter)
            throw new InvalidOperationException($"PNDM is a multistep method: expected step {_counter}, got {stepIndex}. Call SetTimesteps to restart.");

        using var scope = NewDisposeScope();
        var m = Upcast(modelOutput);
        var x = Upcast(sample);
        var alphaNow = AlphasCumprod[timestep];
        var predOriginal = Prediction.OriginalFromVp(m, x, Math.Sqrt(alphaNow), Math.Sqrt(1 - alphaNow), Config.PredictionType);

        var prevTimestep = timestep - Stride;
        if (_counter != 1)
        {
            if (_ets.Count > 3)
            {
                _ets[0].Dispose();
                _ets.RemoveAt(0);
            }
            _ets.Add(Keep(m));
        }
        else
        {
            // Second half of the warm-up: redo the first interval from its start.
            prevTimestep = timestep;
            timestep += Stride;
        }

        Tensor eps;
        if (_ets.Count == 1 && _counter == 0)
        {
            eps = m;
            _curSample = Keep(x);
        }
        else if (_ets.Count == 1 && _counter == 1)
        {
            eps = (m + _ets[^1]) / 2;
            x = _curSample!.alias();
            _curSample.Dispose();
            _curSample = null;
        }
        else
        {
            eps = LinearMultistep(_ets);
        }

        var prev = PrevSample(x, timestep, prevTimestep, eps);
        _counter++;
        return new SchedulerStepResult(
            prev.to(sample.dtype).MoveToOuterDisposeScope(),
            predOriginal.to(sample.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>Adams-Bashforth coefficients of order 2..4 over the stored eps (newest last).</summary>
    private static Tensor LinearMultistep(List<Tensor> ets) => ets.Count switch
    {
        2 => (3 * ets[^1] - ets[^2]) / 2,
        3 => (23 * ets[^1] - 16 * ets[^2] + 5 * ets[^3]) / 12,
        _ => (1.0 / 24) * (55 * ets[^1] - 59 * ets[^2] + 37 * ets[^3] - 9 * ets[^4]),
    };

    /// <summary>
    /// The transfer part phi (PNDM eq. 11): x_prev = sqrt(a_prev/a) x - (a_prev - a) eps / (a sqrt(1-a_prev) + sqrt(a (1-a) a_prev)),
    /// algebraically the deterministic DDIM step.
    /// </summary>
    private Tensor PrevSample(Tensor sample, long timestep, long prevTimestep, Tensor modelOutput)
    {
        double alphaProd = AlphasCumprod[timestep];
        double alphaProdPrev = prevTimestep >= 0 ? AlphasCumprod[prevTimestep] : _finalAlphaCumprod;
        double betaProd = 1 - alphaProd, betaProdPrev = 1 - alphaProdPrev;
        if (Config.PredictionType == SchedulerConfig.VPrediction)
            modelOutput = Math.Sqrt(alphaProd) * modelOutput + Math.Sqrt(betaProd) * sample;
        var sampleCoeff = Math.Sqrt(alphaProdPrev / alphaProd);
        var denominator = alphaProd * Math.Sqrt(betaProdPrev) + Math.Sqrt(alphaProd * betaProd * alphaProdPrev);
        return sampleCoeff * sample - (alphaProdPrev - alphaProd) * modelOutput / denominator;
    }

    public override Tensor AddNoise(Tensor original, Tensor noise, int stepIndex)
    {
        var a = AlphasCumprod[_timesteps[FullIndex(stepIndex)]];
        using var scope = NewDisposeScope();
        return (MathF.Sqrt(a) * original + MathF.Sqrt(1f - a) * noise).MoveToOuterDisposeScope();
    }
}
