using System.Globalization;
using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Bench.FineTune;

/// <summary>
/// Seconds per subject-driven fine-tuning step (<see cref="SubjectFineTuner"/>: one reference + one regular image per
/// step, forward, backward, AdamW) and peak resident memory, for LoRA and full mode on the tiny test model and for LoRA
/// on a random-weight model with the real SD 1.5 config, on the CPU. Step times come from the loop's progress
/// callbacks; the first steps are warm-up and not counted. Memory is the process's VmHWM, restarted per case.
/// <code>dotnet run -c Release --project bench/DreamTuner.Bench.FineTune -- [--only tiny|sd15] [--sd15-resolution 256] [--tiny-steps 5] [--sd15-steps 2] [--threads N] [--json FILE]</code>
/// </summary>
public static class FineTuneBenchmark
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        set_num_threads(int.Parse(Arg("--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
        var root = FindRepoRoot();
        var only = Arg("--only", "all");
        var jsonPath = Arg("--json", Path.Combine(root, "bench", "results", "finetune.json"));
        int tinySteps = int.Parse(Arg("--tiny-steps", "5"), CultureInfo.InvariantCulture);
        int sd15Steps = int.Parse(Arg("--sd15-steps", "2"), CultureInfo.InvariantCulture);
        // 256 px = a 32x32 latent: SD 1.5's 512 px (64x64) LoRA step is several minutes on a busy 2-core machine.
        int sd15Resolution = int.Parse(Arg("--sd15-resolution", "256"), CultureInfo.InvariantCulture);
        var results = new List<FineTuneCaseResult>();
        var tiny = Path.Combine(root, "tests", "data", "reference", "tiny-sd15");
        if (only is "all" or "tiny")
        {
            results.Add(Measure("tiny", tiny, FineTuneMode.Lora, 32, 1, tinySteps));
            results.Add(Measure("tiny", tiny, FineTuneMode.Full, 32, 1, tinySteps));
        }
        if (only is "all" or "sd15")
        {
            var dir = Path.Combine(Path.GetTempPath(), $"dt-bench-sd15-{Guid.NewGuid():N}");
            try
            {
                Console.Error.WriteLine($"writing a random-weight SD 1.5 model to {dir} ...");
                RandomModelWriter.Write(dir, RandomModelSpec.Sd15, seed: 1);
                results.Add(Measure("sd15-random", dir, FineTuneMode.Lora, sd15Resolution, 1, sd15Steps,
                    sd15Resolution < 512 ? $"{sd15Resolution} px ({sd15Resolution / 8}x{sd15Resolution / 8} latent) instead of 512 px: a 64x64-latent step takes minutes on this shared 2-core CPU" : null));
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"-> {jsonPath}");
        return 0;
    }

    private static FineTuneCaseResult Measure(string name, string modelDir, FineTuneMode mode, int resolution, int warmup, int measured,
        string? note = null)
    {
        PeakMemory.Reset();
        var loadBefore = LoadAverage();
        var work = Path.Combine(Path.GetTempPath(), $"dt-bench-finetune-{Guid.NewGuid():N}");
        try
        {
            using var model = ModelLoader.Load(modelDir, DeviceSpec.Cpu);
            double setupPeak = double.NaN;
            var elapsed = new List<TimeSpan>();
            var tuner = new SubjectFineTuner(model)
            {
                OnRegularImage = (i, n) =>
                {
                    if (i < n) return;
                    setupPeak = PeakMemory.PeakMb();
                    PeakMemory.Reset();
                },
                OnStep = p =>
                {
                    elapsed.Add(p.Elapsed);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name} {mode}: step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} at {p.Elapsed.TotalSeconds:F1}s"));
                },
            };
            var options = new SubjectFineTuneOptions
            {
                Mode = mode,
                Steps = warmup + measured,
                RegularImages = 1,
                RegularImageSteps = 1,
                Resolution = resolution,
                CheckpointEvery = 1000,
                Seed = 1,
            };
            using var reference = rand([1, 3, resolution, resolution], generator: new Generator(2));
            var request = new SubjectFineTuneRequest
            {
                Reference = new DreamTunerReference(reference, null, ones(1, 1, resolution, resolution)),
                ClassWord = "dog",
                Token = "<bench>",
                Options = options,
                WorkDir = work,
            };
            using var trained = tuner.Run(request);
            var steps = elapsed.Zip(elapsed.Skip(1), (a, b) => (b - a).TotalSeconds).Skip(warmup - 1).ToList();
            long trainable = trained.Lora is { } lora
                ? lora.Adapters.Values.Sum(a => a.Down.numel() + a.Up.numel())
                : model.Unet.parameters().Concat(model.TextEncoder.parameters()).Sum(p => p.numel());
            var result = new FineTuneCaseResult
            {
                Model = name,
                Mode = mode.ToString().ToLowerInvariant(),
                Resolution = resolution,
                LatentSize = resolution / model.Vae.VaeScaleFactor,
                TrainableParameters = trainable,
                Threads = get_num_threads(),
                WarmupSteps = warmup,
                MeasuredSteps = steps.Count,
                SecondsPerStep = steps.Average(),
                MedianSecondsPerStep = steps.Order().ElementAt(steps.Count / 2),
                MinSecondsPerStep = steps.Min(),
                LoadAverage = $"{loadBefore} -> {LoadAverage()}",
                StepSeconds = steps,
                PeakRssSetupMb = setupPeak,
                PeakRssTrainingMb = PeakMemory.PeakMb(),
                Note = note,
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-12} {result.Mode,-5} {resolution}px  {result.SecondsPerStep:F3} s/step (median {result.MedianSecondsPerStep:F3}, min {result.MinSecondsPerStep:F3})  peak RSS setup {setupPeak:F0} MB, training {result.PeakRssTrainingMb:F0} MB"));
            return result;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "DreamTuner.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("DreamTuner.sln not found above " + AppContext.BaseDirectory);
    }
}
