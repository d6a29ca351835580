using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Tests.Training;

public sealed class CosineLearningRateTests
{
    [Fact]
    public void The_rate_warms_up_linearly_to_the_peak_then_falls_to_a_tenth_at_the_last_step()
    {
        const int total = 1000;
        var warmup = CosineLearningRate.WarmupSteps(total);
        Assert.Equal(50, warmup);
        Assert.Equal(1e-3 / warmup, CosineLearningRate.At(0, total, 1e-3), 12);
        Assert.Equal(1e-3 * 25 / warmup, CosineLearningRate.At(24, total, 1e-3), 12);
        Assert.Equal(1e-3, CosineLearningRate.At(warmup, total, 1e-3), 12);
        Assert.Equal(1e-4, CosineLearningRate.At(total - 1, total, 1e-3), 12);
        var decay = Enumerable.Range(warmup, total - warmup).Select(s => CosineLearningRate.At(s, total, 1e-3)).ToList();
        Assert.True(decay.Zip(decay.Skip(1)).All(p => p.Second <= p.First), "the rate never rises after the warm-up");
        Assert.Equal(0.55e-3, CosineLearningRate.At(warmup + (total - warmup - 1) / 2, total, 1e-3), 5);
    }

    [Fact]
    public void Long_runs_warm_up_for_at_most_200_steps_and_single_steps_still_get_a_rate()
    {
        Assert.Equal(200, CosineLearningRate.WarmupSteps(100_000));
        Assert.Equal(0, CosineLearningRate.WarmupSteps(10));
        Assert.True(CosineLearningRate.At(0, 1, 1e-3) > 0);
    }
}
