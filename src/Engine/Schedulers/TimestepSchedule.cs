namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// Inference timestep selection ("linspace", "leading", "trailing": Table 2 of Lin et al. 2023, arXiv:2305.08891)
/// exactly as diffusers' set_timesteps computes it, and the img2img start step.
/// </summary>
public static class TimestepSchedule
{
    /// <summary>
    /// Descending timesteps as DDIM, PNDM and Euler compute them. "linspace" values are left unrounded
    /// (Euler keeps them fractional; DDIM/PNDM round them half-to-even).
    /// </summary>
    public static double[] Standard(string spacing, int trainSteps, int steps, int stepsOffset)
    {
        switch (spacing)
        {
            case SchedulerConfig.Linspace:
                return NumpyMath.Linspace(0, trainSteps - 1, steps).Reverse().ToArray();
            case SchedulerConfig.Leading:
            {
                var ratio = trainSteps / steps;
                return Enumerable.Range(0, steps).Reverse().Select(i => (double)(i * ratio + stepsOffset)).ToArray();
            }
            case SchedulerConfig.Trailing:
            {
                double ratio = (double)trainSteps / steps;
                return NumpyMath.Arange(trainSteps, 0, -ratio).Select(t => NumpyMath.Round(t) - 1).ToArray();
            }
            default:
                throw new ArgumentException($"timestep_spacing \"{spacing}\" is not supported.");
        }
    }

    /// <summary>
    /// Descending int timesteps as DPMSolverMultistepScheduler computes them: "linspace" and "leading" take
    /// steps + 1 points and drop the last (so the schedule ends above 0, e.g. 999..100 for 10 steps).
    /// </summary>
    public static long[] DpmSolver(string spacing, int trainSteps, int steps, int stepsOffset)
    {
        switch (spacing)
        {
            case SchedulerConfig.Linspace:
                return NumpyMath.Linspace(0, trainSteps - 1, steps + 1).Select(NumpyMath.Round)
                    .Reverse().Take(steps).Select(t => (long)t).ToArray();
            case SchedulerConfig.Leading:
            {
                var ratio = trainSteps / (steps + 1);
                return Enumerable.Range(0, steps + 1).Reverse().Take(steps).Select(i => (long)(i * ratio + stepsOffset)).ToArray();
            }
            case SchedulerConfig.Trailing:
            {
                double ratio = (double)trainSteps / steps;
                return NumpyMath.Arange(trainSteps, 0, -ratio).Select(t => (long)NumpyMath.Round(t) - 1).ToArray();
            }
            default:
                throw new ArgumentException($"timestep_spacing \"{spacing}\" is not supported.");
        }
    }

    /// <summary>
    /// First kept step of an img2img run (diffusers' StableDiffusionImg2ImgPipeline.get_timesteps):
    /// init = min(int(steps * strength), steps), start = max(steps - init, 0).
    /// </summary>
    public static int Img2ImgStart(int steps, double strength)
    {
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "At least one inference step is needed.");
        if (!(strength > 0 && strength <= 1))
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "strength must lie in (0, 1].");
        var start = Math.Max(steps - Img2ImgKeptSteps(steps, strength), 0);
        if (start >= steps)
            throw new ArgumentOutOfRangeException(nameof(strength), strength,
                $"strength {strength} keeps no step of {steps}; use more steps or a higher strength.");
        return start;
    }

    /// <summary>How many of <paramref name="steps"/> an img2img run of <paramref name="strength"/> denoises (diffusers'
    /// init_timestep = min(int(steps * strength), steps)); 0 means it would return the init image untouched.</summary>
    public static int Img2ImgKeptSteps(int steps, double strength) => Math.Min((int)(steps * strength), steps);
}
