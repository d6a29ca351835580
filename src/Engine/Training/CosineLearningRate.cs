namespace DreamTuner.Engine.Training;

/// <summary>
/// Linear warm-up to the peak learning rate, then a half cosine down to <see cref="FloorFraction"/> of it at the last
/// step. A function of the step alone, so a run resumed from a checkpoint follows the same schedule.
/// </summary>
public static class CosineLearningRate
{
    public const double FloorFraction = 0.1;

    /// <summary>Warm-up steps for a run of <paramref name="totalSteps"/>: 5 % of it, at most 200.</summary>
    public static int WarmupSteps(int totalSteps) => Math.Min(200, totalSteps / 20);

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double At(int step, int totalSteps, double peak)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        var warmup = WarmupSteps(totalSteps);
        if (step < warmup) return peak * (step + 1) / warmup;
        var progress = totalSteps - warmup <= 1 ? 1.0 : (double)(step - warmup) / (totalSteps - warmup - 1);
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1)));
        return peak * (FloorFraction + (1 - FloorFraction) * cosine);
    }
}
