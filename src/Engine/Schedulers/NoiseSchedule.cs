using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// The training noise schedule: betas and cumulative alphas. diffusers computes these with float32 torch ops
/// (not numpy), so we do the same with libtorch to get the very same float32 values; everything derived from
/// them with numpy (interpolation, Karras sigmas) is then done in float64 by the callers.
/// </summary>
public static class NoiseSchedule
{
    /// <summary>Betas for <paramref name="config"/> (float32, like <c>torch.linspace(..., dtype=torch.float32)</c>).</summary>
    public static float[] Betas(SchedulerConfig config)
    {
        var n = config.NumTrainTimesteps;
        if (config.TrainedBetas is { } trained)
            return trained.Select(b => (float)b).ToArray();
        using var scope = NewDisposeScope();
        var betas = config.BetaSchedule switch
        {
            SchedulerConfig.Linear => linspace(config.BetaStart, config.BetaEnd, n, ScalarType.Float32),
            // "scaled_linear" is specific to latent diffusion: linear in sqrt(beta).
            SchedulerConfig.ScaledLinear => linspace(Math.Sqrt(config.BetaStart), Math.Sqrt(config.BetaEnd), n, ScalarType.Float32).pow(2),
            SchedulerConfig.SquaredCosCapV2 => tensor(CosineBetas(n), ScalarType.Float32),
            _ => throw new ArgumentException($"beta_schedule \"{config.BetaSchedule}\" is not supported."),
        };
        return betas.data<float>().ToArray();
    }

    /// <summary>alphas_cumprod = cumprod(1 - betas) in float32 (torch.cumprod's sequential product).</summary>
    public static float[] AlphasCumprod(SchedulerConfig config)
    {
        using var scope = NewDisposeScope();
        var betas = tensor(Betas(config), ScalarType.Float32);
        return cumprod(1.0f - betas, 0).data<float>().ToArray();
    }

    /// <summary>Training sigmas sqrt((1 - a) / a) per timestep, in float32 as diffusers' torch expression gives them.</summary>
    public static float[] TrainSigmas(IReadOnlyList<float> alphasCumprod)
    {
        var sigmas = new float[alphasCumprod.Count];
        for (var t = 0; t < sigmas.Length; t++)
        {
            var a = alphasCumprod[t];
            sigmas[t] = MathF.Sqrt((1f - a) / a);
        }
        return sigmas;
    }

    /// <summary>
    /// Glide's cosine schedule (Nichol &amp; Dhariwal 2021, diffusers' betas_for_alpha_bar): beta_t = 1 - abar(t2)/abar(t1)
    /// with abar(t) = cos((t + 0.008) / 1.008 * pi/2)^2, capped at 0.999. Python floats, i.e. float64.
    /// </summary>
    private static double[] CosineBetas(int n)
    {
        static double AlphaBar(double t) => Math.Pow(Math.Cos((t + 0.008) / 1.008 * Math.PI / 2), 2);
        var betas = new double[n];
        for (var i = 0; i < n; i++)
        {
            double t1 = (double)i / n, t2 = (double)(i + 1) / n;
            betas[i] = Math.Min(1 - AlphaBar(t2) / AlphaBar(t1), 0.999);
        }
        return betas;
    }
}
