using System.Diagnostics;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;

namespace DreamTuner.Engine.Tests.Pipelines;

/// <summary>
/// The worker keeps one model loaded and runs generation after generation; anything a run leaks (a tensor outside
/// a dispose scope, scheduler history) accumulates until the worker dies, so a long series must stay flat.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class GenerationMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _temp = TestPaths.NewTempDir("dt-memory");
    private readonly int _threads = torch.get_num_threads();

    public void Dispose()
    {
        torch.set_num_threads(_threads);
        Directory.Delete(_temp, recursive: true);
    }

    private readonly record struct Snapshot(long WorkingSet, long Managed, long LiveTensors);

    private static Snapshot Measure()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return new Snapshot(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true),
            DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Hundred_generations_in_a_row_do_not_grow_memory_or_live_tensors()
    {
        RandomModelWriter.Write(_temp, RandomModelSpec.Tiny, seed: 1);
        using var model = ModelLoader.Load(_temp, DeviceSpec.Cpu);
        var pipeline = new StableDiffusionPipeline(model);
        // A multistep scheduler keeps history between steps, the likeliest place for a per-run leak.
        var request = new GenerationRequest { Prompt = "a cat", Steps = 4, Width = 32, Height = 32, Scheduler = "dpmpp-2m-karras" };
        // One intra-op thread: on a shared, oversubscribed CPU libtorch's OpenMP workers spin against each other and
        // a tiny run takes seconds instead of a fraction of one; memory behaviour does not depend on the thread count.
        torch.set_num_threads(1);
        void Run(int count)
        {
            for (int i = 0; i < count; i++)
            {
                using var result = pipeline.Generate(request with { Seed = i }, p => _ = p.Latents.shape);
            }
        }

        Run(10);
        var before = Measure();
        var clock = Stopwatch.StartNew();
        Run(100);
        clock.Stop();
        var after = Measure();

        const double MB = 1024 * 1024;
        output.WriteLine($"100 runs in {clock.Elapsed.TotalSeconds:F1} s; working set {before.WorkingSet / MB:F1} -> {after.WorkingSet / MB:F1} MB, " +
            $"managed {before.Managed / MB:F1} -> {after.Managed / MB:F1} MB, live tensors {before.LiveTensors} -> {after.LiveTensors}");
        Assert.True(after.WorkingSet - before.WorkingSet < 50 * MB,
            $"working set grew by {(after.WorkingSet - before.WorkingSet) / MB:F1} MB over 100 generations");
        Assert.True(after.Managed - before.Managed < 10 * MB,
            $"managed heap grew by {(after.Managed - before.Managed) / MB:F1} MB over 100 generations");
        Assert.True(after.LiveTensors <= before.LiveTensors,
            $"live tensors grew from {before.LiveTensors} to {after.LiveTensors} over 100 generations");
    }
}
