using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class EulerAncestralSchedulerTests
{
    private static readonly long[] Shape = [1, 4, 64, 64];

    private static IScheduler Create()
    {
        var scheduler = SchedulerFactory.Create(SchedulerFactory.EulerAncestral, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        return scheduler;
    }

    private static Tensor Run(IScheduler scheduler, ulong seed)
    {
        using var generator = new Generator(seed);
        var x = SchedulerTestData.Randn(1, Shape) * scheduler.InitNoiseSigma;
        for (var i = 0; i < scheduler.StepCount; i++)
            x = scheduler.Step(SchedulerTestData.Randn(50 + i, Shape), i, x, generator).PrevSample;
        return x;
    }

    [Fact]
    public void Same_seed_gives_identical_samples_and_another_seed_different_ones()
    {
        using var scope = NewDisposeScope();
        using var scheduler = Create();
        var a = Run(scheduler, 42);
        var b = Run(scheduler, 42);
        var c = Run(scheduler, 43);
        Assert.Equal(0.0, SchedulerTestData.MaxAbsDiff(a, b));
        Assert.True(SchedulerTestData.MaxAbsDiff(a, c) > 1e-3);
    }

    [Fact]
    public void Step_noise_is_torch_randn_of_the_generator_scaled_by_sigma_up()
    {
        using var scope = NewDisposeScope();
        using var ancestral = Create();
        var sigmas = ((EulerSchedulerBase)ancestral).Sigmas.data<float>().ToArray();
        var x = SchedulerTestData.Randn(1, Shape) * ancestral.InitNoiseSigma;
        var eps = SchedulerTestData.Randn(2, Shape);
        using var g = new Generator(1234);
        var prev = ancestral.Step(eps, 0, x, g).PrevSample;

        var (down, up) = EulerAncestralScheduler.AncestralSigmas(sigmas[0], sigmas[1]);
        var x0 = x - sigmas[0] * eps;
        var deterministic = x + (x - x0) / sigmas[0] * (down - sigmas[0]);
        using var g2 = new Generator(1234);
        var expected = deterministic + randn(Shape, ScalarType.Float32, generator: g2) * up;
        Assert.True(SchedulerTestData.MaxAbsDiff(prev, expected) < 1e-4);
    }

    [Fact]
    public void Ancestral_step_keeps_the_marginal_noise_level_of_the_Euler_step()
    {
        // x = sigma_0 * n with the model predicting n exactly: Euler lands on sigma_1 * n; the ancestral step on
        // sigma_down * n + sigma_up * z, whose std is sqrt(sigma_down^2 + sigma_up^2) = sigma_1 as well.
        using var scope = NewDisposeScope();
        using var ancestral = Create();
        using var euler = SchedulerFactory.Create(SchedulerFactory.Euler, SchedulerTestData.Sd15);
        euler.SetTimesteps(10);
        var sigmas = ((EulerSchedulerBase)ancestral).Sigmas.data<float>().ToArray();
        var n = SchedulerTestData.Randn(3, Shape);
        var x = n * sigmas[2];
        using var g = new Generator(9);
        var a = ancestral.Step(n, 2, x, g).PrevSample;
        var e = euler.Step(n, 2, x).PrevSample;

        var ratio = a.std().item<float>() / e.std().item<float>();
        Assert.InRange(ratio, 0.98, 1.02);
        Assert.InRange(a.mean().item<float>() / sigmas[3], -0.05, 0.05);
        Assert.True(SchedulerTestData.MaxAbsDiff(e, n * sigmas[3]) < 1e-4);
    }

    [Fact]
    public void Last_step_adds_no_noise_and_equals_the_Euler_step()
    {
        using var scope = NewDisposeScope();
        using var ancestral = Create();
        using var euler = SchedulerFactory.Create(SchedulerFactory.Euler, SchedulerTestData.Sd15);
        euler.SetTimesteps(10);
        var last = ancestral.StepCount - 1;
        var x = SchedulerTestData.Randn(1, Shape);
        var eps = SchedulerTestData.Randn(2, Shape);
        using var g = new Generator(1);
        var a = ancestral.Step(eps, last, x, g).PrevSample;
        var e = euler.Step(eps, last, x).PrevSample;
        Assert.Equal(0.0, SchedulerTestData.MaxAbsDiff(a, e));
    }
}
