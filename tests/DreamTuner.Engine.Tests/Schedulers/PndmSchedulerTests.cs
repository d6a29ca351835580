using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

public sealed class PndmSchedulerTests
{
    private static readonly long[] Shape = [1, 4, 16, 16];

    [Fact]
    public void Sd15_timesteps_for_10_steps_repeat_the_second_timestep_like_diffusers()
    {
        // diffusers: _timesteps = arange(10) * 100 + 1; plms = concat(ts[:-1], ts[-2:-1], ts[-1:])[::-1]
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.Pndm, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        Assert.Equal([901L, 801, 801, 701, 601, 501, 401, 301, 201, 101, 1], scheduler.Timesteps.data<long>().ToArray());
    }

    [Fact]
    public void Constant_model_output_gives_the_deterministic_DDIM_trajectory()
    {
        // With eps constant every PLMS combination equals eps, the warm-up redoes the first interval, and the
        // transfer step is the DDIM update: PNDM must land on DDIM's samples (DDIM's clip_sample off, same alpha ends).
        using var scope = NewDisposeScope();
        var config = SchedulerTestData.Sd15;
        using var pndm = SchedulerFactory.Create(SchedulerFactory.Pndm, config);
        using var ddim = SchedulerFactory.Create(SchedulerFactory.Ddim, config);
        pndm.SetTimesteps(10);
        ddim.SetTimesteps(10);
        var eps = SchedulerTestData.Randn(1, Shape);
        var start = SchedulerTestData.Randn(2, Shape);

        var ddimSamples = new List<Tensor>();
        var x = start;
        for (var i = 0; i < ddim.StepCount; i++)
            ddimSamples.Add(x = ddim.Step(eps, i, x).PrevSample);

        x = start;
        var pndmSamples = new List<Tensor>();
        for (var i = 0; i < pndm.StepCount; i++)
            pndmSamples.Add(x = pndm.Step(eps, i, x).PrevSample);

        // PNDM's steps 0 and 1 both end at DDIM's first sample; afterwards PNDM step i+1 matches DDIM step i.
        Assert.True(SchedulerTestData.MaxAbsDiff(pndmSamples[0], ddimSamples[0]) < 1e-5);
        for (var i = 1; i < ddimSamples.Count; i++)
        {
            var diff = SchedulerTestData.MaxAbsDiff(pndmSamples[i + 1], ddimSamples[i]);
            Assert.True(diff < 1e-4, $"DDIM step {i}: PNDM differs by {diff:G3}");
        }
    }

    [Fact]
    public void Stepping_out_of_order_throws()
    {
        using var scope = NewDisposeScope();
        using var scheduler = SchedulerFactory.Create(SchedulerFactory.Pndm, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        var x = SchedulerTestData.Randn(1, Shape);
        Assert.Throws<InvalidOperationException>(() => scheduler.Step(x, 1, x));
    }

    [Fact]
    public void Runge_Kutta_warm_up_is_rejected_with_a_clear_message()
    {
        var e = Assert.Throws<NotSupportedException>(() =>
            SchedulerFactory.Create(SchedulerFactory.Pndm, SchedulerTestData.Sd15 with { SkipPrkSteps = false }));
        Assert.Contains("skip_prk_steps", e.Message);
    }
}
