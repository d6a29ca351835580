using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class DpmSolverMultistepSchedulerTests
{
    private static readonly long[] Shape = [1, 4, 8, 8];

    [Fact]
    public void Linspace_timesteps_take_steps_plus_one_points_and_drop_zero()
    {
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.DpmPlusPlus2M, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        Assert.Equal([999L, 899, 799, 699, 599, 500, 400, 300, 200, 100], scheduler.Timesteps.data<long>().ToArray());
    }

    [Fact]
    public void Karras_variant_starts_at_sigma_max_ends_at_sigma_min_then_zero_and_decreases()
    {
        var config = SchedulerTestData.Sd15;
        using var scheduler = (DpmSolverMultistepScheduler)SchedulerFactory.Create(SchedulerFactory.DpmPlusPlus2MKarras, config);
        scheduler.SetTimesteps(10);
        var sigmas = scheduler.Sigmas.data<float>().ToArray();
        var train = NoiseSchedule.TrainSigmas(NoiseSchedule.AlphasCumprod(config));
        Assert.Equal(11, sigmas.Length);
        Assert.Equal(train[^1], sigmas[0], 5);
        Assert.Equal(train[0], sigmas[9], 5);
        Assert.Equal(0f, sigmas[10]);
        Assert.True(sigmas.Zip(sigmas.Skip(1)).All(p => p.First > p.Second));
        var timesteps = scheduler.Timesteps.data<long>().ToArray();
        Assert.Equal(999, timesteps[0]);
        Assert.Equal(0, timesteps[^1]);
    }

    [Fact]
    public void Stepping_out_of_order_throws()
    {
        using var scope = NewDisposeScope();
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.DpmPlusPlus2M, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        var x = SchedulerTestData.Randn(1, Shape);
        scheduler.Step(x, 0, x);
        Assert.Throws<InvalidOperationException>(() => scheduler.Step(x, 2, x));
    }

    [Fact]
    public void History_survives_the_callers_per_step_dispose_scope()
    {
        // A sampling loop disposes each step's tensors; the multistep history must not be among them.
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.DpmPlusPlus2M, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(5);
        var x = SchedulerTestData.Randn(1, Shape).DetachFromDisposeScope();
        for (var i = 0; i < scheduler.StepCount; i++)
        {
            using var scope = NewDisposeScope();
            var next = scheduler.Step(SchedulerTestData.Randn(10 + i, Shape), i, x).PrevSample;
            x.Dispose();
            x = next.DetachFromDisposeScope();
        }
        Assert.True(x.isfinite().all().item<bool>());
        x.Dispose();
    }
}
