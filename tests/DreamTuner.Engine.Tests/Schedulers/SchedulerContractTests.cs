using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

/// <summary>
/// What every <see cref="IScheduler"/> must do, run once per scheduler by the derived classes. Uses SD 1.5's
/// scheduler config with class defaults unless a test overrides settings.
/// </summary>
public abstract class SchedulerContractTests
{
    private static readonly long[] Shape = [1, 4, 16, 16];

    /// <summary>The factory name of the scheduler under test.</summary>
    protected abstract string Name { get; }

    /// <summary>Whether the sampler adds fresh noise each step (then it cannot follow a fixed noise exactly).</summary>
    protected virtual bool IsAncestral => false;

    protected virtual bool Supports(string predictionType) => true;

    protected IScheduler Create(SchedulerConfig? config = null) => SchedulerFactory.Create(Name, config ?? SchedulerTestData.Sd15);

    [Fact]
    public void Timesteps_do_not_increase_and_TimestepAt_returns_them_in_order()
    {
        using var scope = NewDisposeScope();
        using var scheduler = Create();
        scheduler.SetTimesteps(10);
        var timesteps = scheduler.Timesteps.to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(scheduler.StepCount, timesteps.Length);
        Assert.True(timesteps.Zip(timesteps.Skip(1)).All(p => p.First >= p.Second), string.Join(", ", timesteps));
        for (var i = 0; i < timesteps.Length; i++)
            Assert.Equal(timesteps[i], scheduler.TimestepAt(i).to(ScalarType.Float64).item<double>());
    }

    [Fact]
    public void Step_returns_finite_tensors_of_the_sample_shape_for_every_step()
    {
        using var scope = NewDisposeScope();
        using var scheduler = Create();
        using var generator = new Generator(7);
        scheduler.SetTimesteps(12);
        var x = SchedulerTestData.Randn(1, Shape) * scheduler.InitNoiseSigma;
        for (var i = 0; i < scheduler.StepCount; i++)
        {
            var input = scheduler.ScaleModelInput(x, i);
            Assert.Equal(Shape, input.shape);
            var result = scheduler.Step(SchedulerTestData.Randn(100 + i, Shape), i, x, generator);
            Assert.Equal(Shape, result.PrevSample.shape);
            Assert.Equal(Shape, result.PredOriginal.shape);
            Assert.True(result.PrevSample.isfinite().all().item<bool>(), $"step {i}: non-finite sample");
            Assert.True(result.PredOriginal.isfinite().all().item<bool>(), $"step {i}: non-finite x0");
            x = result.PrevSample;
        }
    }

    [Theory]
    [InlineData(SchedulerConfig.Epsilon)]
    [InlineData(SchedulerConfig.VPrediction)]
    [InlineData(SchedulerConfig.Sample)]
    public void PredOriginal_is_x0_when_the_model_predicts_the_true_target(string predictionType)
    {
        if (!Supports(predictionType))
            return;
        using var scope = NewDisposeScope();
        using var scheduler = Create(SchedulerTestData.Sd15 with { PredictionType = predictionType });
        using var generator = new Generator(3);
        scheduler.SetTimesteps(10);
        var x0 = SchedulerTestData.Randn(1, Shape);
        var noise = SchedulerTestData.Randn(2, Shape);
        for (var i = 0; i < scheduler.StepCount; i++)
        {
            var xt = scheduler.AddNoise(x0, noise, i);
            var target = TrueTarget(scheduler, predictionType, x0, noise, i);
            var result = scheduler.Step(target, i, xt, generator);
            var error = SchedulerTestData.MaxAbsDiff(result.PredOriginal, x0);
            Assert.True(error < 2e-4, $"step {i} ({predictionType}): |x0 - PredOriginal| = {error:G3}");
        }
    }

    [Fact]
    public void V_prediction_step_equals_the_epsilon_step_with_the_equivalent_noise()
    {
        using var scope = NewDisposeScope();
        using var epsScheduler = Create();
        using var vScheduler = Create(SchedulerTestData.Sd15 with { PredictionType = SchedulerConfig.VPrediction });
        epsScheduler.SetTimesteps(10);
        vScheduler.SetTimesteps(10);
        var x0 = SchedulerTestData.Randn(1, Shape);
        var noise = SchedulerTestData.Randn(2, Shape);
        var xt = epsScheduler.AddNoise(x0, noise, 0);
        var v = TrueTarget(vScheduler, SchedulerConfig.VPrediction, x0, noise, 0);

        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        var fromEps = epsScheduler.Step(noise, 0, xt, g1).PrevSample;
        var fromV = vScheduler.Step(v, 0, xt, g2).PrevSample;
        var error = SchedulerTestData.MaxAbsDiff(fromEps, fromV);
        Assert.True(error < 2e-4, $"v and epsilon steps differ by {error:G3}");
    }

    [Fact]
    public void AddNoise_then_denoising_with_the_true_noise_recovers_the_original()
    {
        if (IsAncestral)
            return;
        using var scope = NewDisposeScope();
        // Final alpha_cumprod 1 so the schedule ends at the clean sample (SD 1.5 stops at t=0's alpha otherwise).
        using var scheduler = Create(SchedulerTestData.Sd15 with { SetAlphaToOne = true });
        scheduler.SetTimesteps(10, strength: RecoveryStrength);
        var original = SchedulerTestData.Randn(1, Shape);
        var noise = SchedulerTestData.Randn(2, Shape);
        var x = scheduler.AddNoise(original, noise, 0);
        for (var i = 0; i < scheduler.StepCount; i++)
            x = scheduler.Step(noise, i, x).PrevSample;
        var error = SchedulerTestData.MaxAbsDiff(x, original);
        Assert.True(error < 1e-3, $"recovered sample differs from the original by {error:G3}");
    }

    [Fact]
    public void SetTimesteps_resets_state_so_a_second_run_repeats_the_first()
    {
        using var scope = NewDisposeScope();
        using var scheduler = Create();
        Tensor Run()
        {
            using var generator = new Generator(11);
            scheduler.SetTimesteps(8);
            var x = SchedulerTestData.Randn(1, Shape) * scheduler.InitNoiseSigma;
            for (var i = 0; i < scheduler.StepCount; i++)
                x = scheduler.Step(SchedulerTestData.Randn(200 + i, Shape), i, x, generator).PrevSample;
            return x;
        }
        var first = Run();
        var second = Run();
        Assert.Equal(0.0, SchedulerTestData.MaxAbsDiff(first, second));
    }

    [Fact]
    public void Img2img_strength_keeps_the_last_steps_of_the_schedule()
    {
        using var scope = NewDisposeScope();
        using var scheduler = Create();
        scheduler.SetTimesteps(10);
        var full = scheduler.Timesteps.to(ScalarType.Float64).data<double>().ToArray();
        scheduler.SetTimesteps(10, strength: 0.5);
        var kept = scheduler.Timesteps.to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(ExpectedImg2ImgTimesteps(full, start: 5), kept);
    }

    /// <summary>diffusers' img2img keeps timesteps[start * order:] (order 1 for every scheduler here).</summary>
    private static double[] ExpectedImg2ImgTimesteps(double[] full, int start) => full[start..];

    /// <summary>The img2img strength at which denoising with the true noise must give back the original.</summary>
    protected virtual double RecoveryStrength => 0.6;

    [Fact]
    public void Using_the_scheduler_before_SetTimesteps_throws()
    {
        using var scheduler = Create();
        Assert.Throws<InvalidOperationException>(() => scheduler.StepCount);
    }

    /// <summary>
    /// The model output that is exactly right for x_t = AddNoise(x0, noise, i). AddNoise gives x_t = cx*x0 + cn*noise
    /// (VP: cx^2 + cn^2 = 1; Euler's VE space: cx = 1, cn = sigma); the UNet sees x_t / sqrt(cx^2 + cn^2), whose VP
    /// coefficients alpha, sigma define v = alpha*noise - sigma*x0.
    /// </summary>
    private static Tensor TrueTarget(IScheduler scheduler, string predictionType, Tensor x0, Tensor noise, int stepIndex)
    {
        var cx = scheduler.AddNoise(ones(1), zeros(1), stepIndex).item<float>();
        var cn = scheduler.AddNoise(zeros(1), ones(1), stepIndex).item<float>();
        var norm = Math.Sqrt((double)cx * cx + (double)cn * cn);
        double alpha = cx / norm, sigma = cn / norm;
        return predictionType switch
        {
            SchedulerConfig.Epsilon => noise,
            SchedulerConfig.VPrediction => alpha * noise - sigma * x0,
            _ => x0,
        };
    }
}
