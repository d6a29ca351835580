using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Bench;

/// <summary>
/// <c>memory [--runs N] [--json FILE]</c>: resident memory across many consecutive full generations with a model
/// larger than the test's tiny one (SD 1.5's block layout at quarter width, 32x32 latents, real CLIP text width),
/// so a per-generation leak of tensors or native buffers shows up as a rising line.
/// </summary>
public static class MemoryBenchmark
{
    public static RandomModelSpec MidSpec => new(
        ConfigSource.Sd15.Unet() with { BlockOutChannels = [80, 160, 320, 320], NormNumGroups = 16 },
        ConfigSource.Sd15.Vae() with { BlockOutChannels = [32, 64, 128, 128], NormNumGroups = 16 },
        ConfigSource.Sd15.TextEncoder() with { NumHiddenLayers = 4 });

    public static void Run(int runs, string jsonPath)
    {
        set_num_threads(Environment.ProcessorCount);
        var dir = Path.Combine(Path.GetTempPath(), "dt-bench-memory-model");
        if (!File.Exists(Path.Combine(dir, "model_index.json")))
            RandomModelWriter.Write(dir, MidSpec, seed: 1);
        using var model = ModelLoader.Load(dir, DeviceSpec.Cpu);
        var pipeline = new StableDiffusionPipeline(model);
        var request = new GenerationRequest { Prompt = "a red fox in the snow", Steps = 2, Scheduler = "dpmpp-2m-karras", Width = 256, Height = 256 };
        var samples = new List<(int Run, double RssMb)>();
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= runs; i++)
        {
            using (var result = pipeline.Generate(request with { Seed = i })) { }
            if (i == 1 || i % Math.Max(1, runs / 10) == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var rss = CurrentRssMb();
                samples.Add((i, rss));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after {i,4} generations: RSS {rss,8:F1} MB  ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
        }
        var growth = samples[^1].RssMb - samples[0].RssMb;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"growth from generation 1 to {runs}: {growth:F1} MB"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(new
        {
            model = "SD 1.5 layout at quarter width, 32x32 latents (256x256 images), 2 steps",
            runs,
            samples = samples.Select(s => new { run = s.Run, rss_mb = s.RssMb }),
            growth_mb = growth,
        }, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static double CurrentRssMb() => ProcStatus.ReadMb("VmRSS");
}
