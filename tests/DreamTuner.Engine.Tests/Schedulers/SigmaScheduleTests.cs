using DreamTuner.Engine.Schedulers;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class SigmaScheduleTests
{
    [Fact]
    public void Karras_sigmas_start_at_sigma_max_end_at_sigma_min_and_decrease()
    {
        var sigmas = SigmaSchedule.Karras(0.0292, 14.6146, 25);
        Assert.Equal(25, sigmas.Length);
        Assert.Equal(14.6146, sigmas[0], 10);
        Assert.Equal(0.0292, sigmas[^1], 10);
        Assert.True(sigmas.Zip(sigmas.Skip(1)).All(p => p.First > p.Second));
    }

    [Fact]
    public void SigmaToT_inverts_the_training_sigmas()
    {
        var train = NoiseSchedule.TrainSigmas(NoiseSchedule.AlphasCumprod(SchedulerTestData.Sd15));
        var logSigmas = SigmaSchedule.LogSigmas(train);
        foreach (var t in new[] { 0, 1, 250, 500, 998, 999 })
            Assert.Equal(t, SigmaSchedule.SigmaToT(train[t], logSigmas), 3);
    }

    [Fact]
    public void Euler_linspace_schedule_starts_at_the_largest_trained_sigma()
    {
        using var scheduler = (EulerSchedulerBase)SchedulerFactory.Create(SchedulerFactory.Euler, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        Assert.Equal([999f, 888, 777, 666, 555, 444, 333, 222, 111, 0], scheduler.Timesteps.data<float>().ToArray());
        // diffusers 0.27 / torch 1.13 gives 14.614645; float32 linspace rounding differs by a few ulp between torch versions.
        Assert.InRange(scheduler.InitNoiseSigma, 14.614645 - 2e-5, 14.614645 + 2e-5);
    }

    [Fact]
    public void Euler_with_leading_spacing_adds_the_unit_variance_to_the_initial_noise()
    {
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.Euler, SchedulerTestData.Sd15 with { TimestepSpacing = SchedulerConfig.Leading });
        scheduler.SetTimesteps(10);
        var sigmas = ((EulerSchedulerBase)scheduler).Sigmas.data<float>().ToArray();
        Assert.Equal(901f, scheduler.Timesteps.data<float>()[0]);
        Assert.Equal(Math.Sqrt(sigmas[0] * sigmas[0] + 1), scheduler.InitNoiseSigma, 5);
    }
}
