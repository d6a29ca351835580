using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

/// <summary>
/// The scheduler-only reference runs (tests/data/reference, diffusers 0.27.2): schedulers built from SD 1.5's
/// scheduler_config.json with class defaults, 10 steps, synthetic model outputs, compared with the manifest's tolerances.
/// </summary>
public sealed class SchedulerReferenceTests
{
    [Theory]
    [InlineData(SchedulerFactory.Ddim, "ddim")]
    [InlineData(SchedulerFactory.Euler, "euler")]
    [InlineData(SchedulerFactory.DpmPlusPlus2M, "dpmpp_2m")]
    public void Ten_step_run_matches_diffusers(string name, string refName)
    {
        SchedulerTestData.WarmUpReference();
        using var scope = NewDisposeScope();
        using var scheduler = SchedulerFactory.Create(name, SchedulerTestData.Sd15);
        scheduler.SetTimesteps(10);
        var modelOutputs = Reference.Input("sched.model_outputs");
        var x = Reference.Input("sched.sample") * scheduler.InitNoiseSigma;
        var scaled = new List<Tensor>();
        var samples = new List<Tensor>();
        for (var i = 0; i < scheduler.StepCount; i++)
        {
            scaled.Add(scheduler.ScaleModelInput(x, i));
            x = scheduler.Step(modelOutputs[i], i, x).PrevSample;
            samples.Add(x);
        }

        var prefix = $"sched.{refName}";
        Reference.AssertMatches($"{prefix}.timesteps", scheduler.Timesteps);
        Reference.AssertMatches($"{prefix}.init_noise_sigma", tensor(new[] { (float)scheduler.InitNoiseSigma }));
        var sigmas = scheduler switch
        {
            EulerSchedulerBase euler => euler.Sigmas,
            DpmSolverMultistepScheduler dpm => dpm.Sigmas,
            _ => null,
        };
        if (sigmas is not null)
            Reference.AssertMatches($"{prefix}.sigmas", sigmas);
        Reference.AssertMatches($"{prefix}.scaled_inputs", stack(scaled));
        Reference.AssertMatches($"{prefix}.samples", stack(samples));
    }
}
