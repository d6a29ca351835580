namespace DreamTuner.Engine.Schedulers;

/// <summary>Sigma-space schedule helpers shared by Euler and DPM-Solver (float64, as numpy in diffusers).</summary>
public static class SigmaSchedule
{
    /// <summary>The rho of Karras et al. (2022), "Elucidating the Design Space of Diffusion-Based Generative Models", eq. 5.</summary>
    public const double KarrasRho = 7.0;

    /// <summary>
    /// Karras sigmas: (sigma_max^(1/rho) + ramp * (sigma_min^(1/rho) - sigma_max^(1/rho)))^rho for ramp = linspace(0, 1, n);
    /// starts at sigma_max, ends at sigma_min, decreasing (k-diffusion get_sigmas_karras without the appended zero).
    /// </summary>
    public static double[] Karras(double sigmaMin, double sigmaMax, int n, double rho = KarrasRho)
    {
        var ramp = NumpyMath.Linspace(0, 1, n);
        double minInvRho = Math.Pow(sigmaMin, 1 / rho), maxInvRho = Math.Pow(sigmaMax, 1 / rho);
        return ramp.Select(r => Math.Pow(maxInvRho + r * (minInvRho - maxInvRho), rho)).ToArray();
    }

    /// <summary>
    /// The (fractional) training timestep whose sigma is <paramref name="sigma"/>: linear interpolation in log-sigma
    /// between neighbouring training timesteps (diffusers' _sigma_to_t). <paramref name="logSigmas"/> ascends with t.
    /// </summary>
    public static double SigmaToT(double sigma, IReadOnlyList<double> logSigmas)
    {
        var logSigma = Math.Log(Math.Max(sigma, 1e-10));
        // low_idx = last index whose log-sigma is <= log_sigma (0 if none), kept below the last index.
        var count = 0;
        for (var i = 0; i < logSigmas.Count; i++)
            if (logSigma - logSigmas[i] >= 0)
                count = i + 1;
        var low = Math.Min(Math.Max(count - 1, 0), logSigmas.Count - 2);
        var high = low + 1;
        var w = (logSigmas[low] - logSigma) / (logSigmas[low] - logSigmas[high]);
        w = Math.Clamp(w, 0, 1);
        return (1 - w) * low + w * high;
    }

    /// <summary>np.log of the float32 training sigmas (numpy keeps float32, so we round the log back to float32).</summary>
    public static double[] LogSigmas(IReadOnlyList<float> trainSigmas) =>
        trainSigmas.Select(s => (double)MathF.Log(s)).ToArray();
}
