using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class DdimSchedulerTests
{
    private static readonly long[] Shape = [1, 4, 16, 16];

    [Fact]
    public void Eta_above_zero_adds_generator_noise_with_the_DDIM_standard_deviation()
    {
        // Song et al. eq. 12/16: x_prev = sqrt(a') x0 + sqrt(1 - a' - std^2) eps + std z, std = eta sqrt((1-a')/(1-a) (1 - a/a')).
        using var scope = NewDisposeScope();
        const double eta = 0.7;
        var config = SchedulerTestData.Sd15;
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.Ddim, config, new SamplerOptions { Eta = eta });
        scheduler.SetTimesteps(10);
        var x = SchedulerTestData.Randn(1, Shape);
        var eps = SchedulerTestData.Randn(2, Shape);
        using var g = new Generator(77);
        var prev = scheduler.Step(eps, 3, x, g).PrevSample;

        var alphas = NoiseSchedule.AlphasCumprod(config with { SetAlphaToOne = false });
        double a = alphas[601], aPrev = alphas[501];
        var std = eta * Math.Sqrt((1 - aPrev) / (1 - a) * (1 - a / aPrev));
        var x0 = (x - Math.Sqrt(1 - a) * eps) / Math.Sqrt(a);
        using var g2 = new Generator(77);
        var z = randn(Shape, ScalarType.Float32, generator: g2);
        var expected = Math.Sqrt(aPrev) * x0 + Math.Sqrt(1 - aPrev - std * std) * eps + std * z;
        Assert.True(SchedulerTestData.MaxAbsDiff(prev, expected) < 1e-4);
    }

    [Fact]
    public void Clip_sample_defaults_to_on_when_the_config_does_not_say()
    {
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.Ddim, new SchedulerConfig());
        Assert.True(scheduler.Config.ClipSample);
        Assert.True(scheduler.Config.SetAlphaToOne);
        using var scope = NewDisposeScope();
        scheduler.SetTimesteps(10);
        var x0 = scheduler.Step(zeros(Shape), 0, full(Shape, 5f)).PredOriginal;
        Assert.Equal(1f, x0.max().item<float>());
    }
}
