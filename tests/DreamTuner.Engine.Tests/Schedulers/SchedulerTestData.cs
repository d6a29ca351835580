using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Schedulers;

/// <summary>Configs and tensors shared by the scheduler tests.</summary>
internal static class SchedulerTestData
{
    public static string Sd15ConfigPath => Path.Combine(TestPaths.TinySd15, "scheduler", "scheduler_config.json");

    /// <summary>SD 1.5's scheduler_config.json (PNDM, scaled_linear, steps_offset 1, no timestep_spacing).</summary>
    public static SchedulerConfig Sd15 => SchedulerConfig.Read(Sd15ConfigPath);

    public static Tensor Randn(long seed, params long[] shape)
    {
        using var generator = new Generator((ulong)seed);
        return randn(shape, ScalarType.Float32, generator: generator);
    }

    /// <summary>
    /// Loads the reference files while no dispose scope is open on this thread: Reference caches its tensors lazily,
    /// and a first load inside a test's scope would dispose the cached tensors with that scope.
    /// </summary>
    public static void WarmUpReference()
    {
        _ = Reference.Input("sched.sample");
        _ = Reference.Expected("sched.ddim.timesteps");
    }

    public static double MaxAbsDiff(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();
}
