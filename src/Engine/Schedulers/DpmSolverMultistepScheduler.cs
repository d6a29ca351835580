using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++: Fast Solver for Guided Sampling of Diffusion Probabilistic
/// Models", Algorithm 2), as diffusers' DPMSolverMultistepScheduler with algorithm_type "dpmsolver++": the ODE is
/// solved in log-SNR lambda = log(alpha/sigma) for the data prediction x0, first order on the first step, then a
/// second-order multistep update from the last two x0 predictions; lower order on the final steps of short runs.
/// Optional Karras sigmas ("DPM++ 2M Karras"). Stateful: step in order from index 0.
/// </summary>
public sealed class DpmSolverMultistepScheduler : SchedulerBase
{
    private readonly float[] _trainSigmas;
    private readonly Tensor?[] _modelOutputs;
    private long[] _timesteps = [];
    private float[] _sigmas = [];
    private int _lowerOrderNums;
    private int _nextStep;

    public DpmSolverMultistepScheduler(SchedulerConfig config) : base(config, SchedulerConfig.Linspace)
    {
        _trainSigmas = NoiseSchedule.TrainSigmas(AlphasCumprod);
        _modelOutputs = new Tensor?[config.SolverOrder];
    }

    public override double InitNoiseSigma => 1.0;

    /// <summary>Sigmas of the loop steps plus the final one (length <see cref="SchedulerBase.StepCount"/> + 1).</summary>
    public Tensor Sigmas => tensor(_sigmas[Begin..], ScalarType.Float32);

    protected override (Tensor Timesteps, int Begin) BuildSchedule(int steps, int start)
    {
        var n = Config.NumTrainTimesteps;
        double[] sigmas;
        if (Config.UseKarrasSigmas)
        {
            // Karras over the whole trained range, then each sigma mapped back to its (rounded) training timestep.
            sigmas = SigmaSchedule.Karras(_trainSigmas[0], _trainSigmas[n - 1], steps);
            var logSigmas = SigmaSchedule.LogSigmas(_trainSigmas);
            _timesteps = sigmas.Select(s => (long)NumpyMath.Round(SigmaSchedule.SigmaToT(s, logSigmas))).ToArray();
        }
        else
        {
            _timesteps = TimestepSchedule.DpmSolver(Spacing, n, steps, Config.StepsOffset);
            sigmas = _timesteps.Select(t => NumpyMath.InterpOnIndex(t, _trainSigmas)).ToArray();
        }
        double last = Config.FinalSigmasType == SchedulerConfig.FinalSigmaZero ? 0 : _trainSigmas[0];
        _sigmas = [.. sigmas.Select(s => (float)s), (float)last];
        return (tensor(_timesteps[start..], ScalarType.Int64), start);
    }

    protected override void ResetState()
    {
        for (var i = 0; i < _modelOutputs.Length; i++)
        {
            _modelOutputs[i]?.Dispose();
            _modelOutputs[i] = null;
        }
        _lowerOrderNums = 0;
        _nextStep = 0;
    }

    public override Tensor TimestepAt(int stepIndex) => tensor(_timesteps[FullIndex(stepIndex)], ScalarType.Int64);

    public override Tensor ScaleModelInput(Tensor sample, int stepIndex)
    {
        FullIndex(stepIndex);
        return sample.alias();
    }

    public override SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null)
    {
        var i = FullIndex(stepIndex);
        if (stepIndex != _nextStep)
            throw new InvalidOperationException($"DPM-Solver is a multistep method: expected step {_nextStep}, got {stepIndex}. Call SetTimesteps to restart.");
        var total = _timesteps.Length;
        // diffusers: fewer than 15 steps are unstable at second order near t=0; a zero final sigma needs first order.
        var lowerOrderFinal = i == total - 1 &&
            (Config.EulerAtFinal || (Config.LowerOrderFinal && total < 15) || Config.FinalSigmasType == SchedulerConfig.FinalSigmaZero);
        // (diffusers' lower_order_second only chooses second over third order; we implement up to second.)

        using var scope = NewDisposeScope();
        var x = Upcast(sample);
        var (alphaS, sigmaS) = VpCoefficients(_sigmas[i]);
        var x0 = Prediction.OriginalFromVp(Upcast(modelOutput), x, alphaS, sigmaS, Config.PredictionType);

        _modelOutputs[0]?.Dispose();
        for (var k = 0; k < _modelOutputs.Length - 1; k++)
            _modelOutputs[k] = _modelOutputs[k + 1];
        _modelOutputs[^1] = Keep(x0);

        var prev = Config.SolverOrder == 1 || _lowerOrderNums < 1 || lowerOrderFinal
            ? FirstOrderUpdate(x0, x, i)
            : SecondOrderUpdate(_modelOutputs[^1]!, _modelOutputs[^2]!, x, i);

        if (_lowerOrderNums < Config.SolverOrder)
            _lowerOrderNums++;
        _nextStep++;
        return new SchedulerStepResult(
            prev.to(sample.dtype).MoveToOuterDisposeScope(),
            x0.to(sample.dtype).MoveToOuterDisposeScope());
    }

    /// <summary>DPM-Solver++ first order (= DDIM in lambda): x_t = (sigma_t/sigma_s) x - alpha_t (e^{-h} - 1) x0.</summary>
    private Tensor FirstOrderUpdate(Tensor x0, Tensor sample, int i)
    {
        var (alphaT, sigmaT) = VpCoefficients(_sigmas[i + 1]);
        var (alphaS, sigmaS) = VpCoefficients(_sigmas[i]);
        var h = Lambda(alphaT, sigmaT) - Lambda(alphaS, sigmaS);
        return (sigmaT / sigmaS) * sample - alphaT * (MathF.Exp(-h) - 1f) * x0;
    }

    /// <summary>
    /// DPM-Solver++(2M): D0 = m0, D1 = (m0 - m1) / r0 with r0 = h_0 / h;
    /// midpoint: x_t = (sigma_t/sigma_s0) x - alpha_t (e^{-h} - 1) D0 - 0.5 alpha_t (e^{-h} - 1) D1;
    /// heun: ... + alpha_t ((e^{-h} - 1)/h + 1) D1.
    /// </summary>
    private Tensor SecondOrderUpdate(Tensor m0, Tensor m1, Tensor sample, int i)
    {
        var (alphaT, sigmaT) = VpCoefficients(_sigmas[i + 1]);
        var (alphaS0, sigmaS0) = VpCoefficients(_sigmas[i]);
        var (alphaS1, sigmaS1) = VpCoefficients(_sigmas[i - 1]);
        float lambdaT = Lambda(alphaT, sigmaT), lambdaS0 = Lambda(alphaS0, sigmaS0), lambdaS1 = Lambda(alphaS1, sigmaS1);
        float h = lambdaT - lambdaS0, h0 = lambdaS0 - lambdaS1;
        var r0 = h0 / h;
        var d1 = (1f / r0) * (m0 - m1);
        var expm1 = MathF.Exp(-h) - 1f;
        var common = (sigmaT / sigmaS0) * sample - alphaT * expm1 * m0;
        return Config.SolverType == SchedulerConfig.Midpoint
            ? common - 0.5f * (alphaT * expm1) * d1
            : common + alphaT * (expm1 / h + 1f) * d1;
    }

    /// <summary>VP alpha_t = 1/sqrt(sigma^2 + 1) and sigma_t = sigma * alpha_t for a VE sigma (float32 like diffusers).</summary>
    private static (float Alpha, float Sigma) VpCoefficients(float sigma)
    {
        var alpha = 1f / MathF.Sqrt(sigma * sigma + 1f);
        return (alpha, sigma * alpha);
    }

    private static float Lambda(float alpha, float sigma) => MathF.Log(alpha) - MathF.Log(sigma);

    /// <summary>q(x_t | x_0) in VP form at the step's sigma: alpha_t x0 + sigma_t noise.</summary>
    public override Tensor AddNoise(Tensor original, Tensor noise, int stepIndex)
    {
        var (alpha, sigma) = VpCoefficients(_sigmas[FullIndex(stepIndex)]);
        using var scope = NewDisposeScope();
        return (alpha * original + sigma * noise).MoveToOuterDisposeScope();
    }
}
