using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Bench.DreamTuner;

/// <summary>
/// Time per denoising step of DreamTuner inference (subject-encoder attention + self-subject-attention + interleaved
/// guidance, p_r 0.9) divided by the time per step of plain classifier-free guidance, same model, size and seed, in
/// one process. Step time is measured between step callbacks (first step excluded: it holds one-off set-up), so
/// reference encoding and VAE decoding do not count. Writes the result as JSON.
/// <code>dotnet run -c Release --project bench/DreamTuner.Bench.DreamTuner -- [--model DIR] [--size 64] [--steps 8] [--reps 3] [--threads N] [--breakdown] [--out FILE]</code>
/// </summary>
public static class StepCostBenchmark
{
    public static int Run(string[] args)
    {
        string Arg(string name, string fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var root = FindRepoRoot();
        var modelDir = Arg("--model", Path.Combine(root, "tests", "data", "reference", "tiny-sd15"));
        int size = int.Parse(Arg("--size", "64"), CultureInfo.InvariantCulture);
        int steps = int.Parse(Arg("--steps", "8"), CultureInfo.InvariantCulture);
        var outPath = Arg("--out", Path.Combine(root, "bench", "results", "dreamtuner-step-cost.json"));

        // --threads 1 makes process CPU time a fair measure on a busy machine: with several intra-op threads, OpenMP's
        // spin-waiting burns CPU while a thread waits for a descheduled sibling.
        if (Arg("--threads", "") is { Length: > 0 } threads) set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
        using var model = ModelLoader.Load(modelDir, DeviceSpec.Cpu);
        int crossDim = model.Unet.Config.CrossAttentionDim.Values[0];
        var baseRequest = new GenerationRequest { Prompt = "a photo of a dog on the beach", NegativePrompt = "blurry", Steps = steps, Width = size, Height = size, Seed = 1 };

        var (identity, dir) = RandomSubjectEncoder(model, crossDim);
        try
        {
            var reference = new DreamTunerReference(rand([1, 3, size, size], generator: new Generator(2)), null, CentreMask(size));
            var dreamRequest = new DreamTunerRequest
            {
                Base = baseRequest,
                References = [reference],
                CoarseIdentity = CoarseIdentityKind.SubjectEncoder,
            };
            var plain = new StableDiffusionPipeline(model);
            var dream = new DreamTunerPipeline(model) { SubjectEncoder = identity };

            // Variants measured in the same process, alternating, so machine load hits them alike. --breakdown adds the
            // parts of the method separately, to show where DreamTuner's extra cost goes.
            var variants = new List<(string Name, Action<Action<GenerationProgress>> Run)>
            {
                ("cfg", p => plain.Generate(baseRequest, p).Dispose()),
                ("dreamtuner", p => dream.Generate(dreamRequest, p).Dispose()),
            };
            if (args.Contains("--breakdown"))
            {
                variants.Add(("no subject-encoder", p => dream.Generate(dreamRequest with { CoarseIdentity = CoarseIdentityKind.None }, p).Dispose()));
                variants.Add(("eq4 only (p_r 1)", p => dream.Generate(dreamRequest with { PR = 1 }, p).Dispose()));
                variants.Add(("eq5 only (p_r 0)", p => dream.Generate(dreamRequest with { PR = 0 }, p).Dispose()));
            }
            foreach (var (_, run) in variants)
                MeasureStep(run); // warm-up: allocator, kernels
            var times = variants.ToDictionary(v => v.Name, _ => new List<StepTime>());
            int reps = int.Parse(Arg("--reps", "3"), CultureInfo.InvariantCulture);
            for (int rep = 0; rep < reps; rep++)
                foreach (var (name, run) in variants)
                    times[name].Add(MeasureStep(run));
            // Wall time: the fastest repetition (least disturbed). CPU time of the process (all intra-op threads):
            // the median, which other processes on a shared machine disturb far less than wall time.
            double Wall(string name) => times[name].Min(t => t.Wall);
            double Cpu(string name) => times[name].Select(t => t.Cpu).Order().ElementAt(reps / 2);
            foreach (var name in times.Keys)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: wall {Wall(name) * 1000:F1} ms/step ({Wall(name) / Wall("cfg"):F2}x cfg), cpu {Cpu(name) * 1000:F1} ms/step ({Cpu(name) / Cpu("cfg"):F2}x cfg)"));
            var report = new Dictionary<string, object>
            {
                ["model"] = Path.GetFileName(Path.GetFullPath(modelDir)),
                ["size"] = size,
                ["steps"] = steps,
                ["threads"] = get_num_threads(),
                ["load_average_1min"] = LoadAverage(),
                ["cfg_seconds_per_step"] = Wall("cfg"),
                ["dreamtuner_seconds_per_step"] = Wall("dreamtuner"),
                ["ratio"] = Wall("dreamtuner") / Wall("cfg"),
                ["cfg_cpu_seconds_per_step"] = Cpu("cfg"),
                ["dreamtuner_cpu_seconds_per_step"] = Cpu("dreamtuner"),
                ["cpu_ratio"] = Cpu("dreamtuner") / Cpu("cfg"),
                ["parts_cpu_ratio"] = times.Keys.ToDictionary(k => k, k => Cpu(k) / Cpu("cfg")),
                ["dreamtuner_setting"] = "subject-encoder (beta 0.2) + self-subject-attention on all attn1 (1 reference) + interleaved CFG p_r 0.9",
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            File.WriteAllText(outPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio DreamTuner/CFG: wall {Wall("dreamtuner") / Wall("cfg"):F2}, cpu {Cpu("dreamtuner") / Cpu("cfg"):F2} ({size}x{size}, {steps} steps) -> {outPath}"));
            return 0;
        }
        finally
        {
            identity.Dispose();
            Directory.Delete(dir, true);
        }
    }

    private readonly record struct StepTime(double Wall, double Cpu);

    /// <summary>Mean wall and process-CPU seconds between step callbacks after the first (the first holds one-off set-up).</summary>
    private static StepTime MeasureStep(Action<Action<GenerationProgress>> run)
    {
        var marks = new List<StepTime>();
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        run(_ =>
        {
            process.Refresh();
            marks.Add(new StepTime(clock.Elapsed.TotalSeconds, process.TotalProcessorTime.TotalSeconds));
        });
        if (marks.Count < 2) return marks[0];
        int n = marks.Count - 1;
        return new StepTime((marks[^1].Wall - marks[0].Wall) / n, (marks[^1].Cpu - marks[0].Cpu) / n);
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static Tensor CentreMask(int size)
    {
        var mask = zeros(1, 1, size, size);
        mask[.., .., (size / 4)..(3 * size / 4), (size / 4)..(3 * size / 4)] = 1;
        return mask;
    }

    /// <summary>A random subject-encoder on a small random CLIP tower (no real weights exist here); S-E-A layers in every block.</summary>
    private static (SubjectEncoderIdentity Identity, string Dir) RandomSubjectEncoder(StableDiffusionModel model, int crossDim)
    {
        var clipConfig = new ClipVisionConfig { HiddenSize = 64, IntermediateSize = 128, NumHiddenLayers = 4, NumAttentionHeads = 4, ImageSize = 64, PatchSize = 16, ProjectionDim = 32 };
        var encoder = new SubjectEncoder(new SubjectEncoderConfig { LayerIndices = [4, 1, 2], ClipHiddenSize = 64, CrossAttentionDim = crossDim });
        foreach (var (_, block) in SubjectEncoderFile.TransformerBlocks(model.Unet))
        {
            block.InstallSubjectAttention(crossDim);
            using var _ = no_grad();
            foreach (var p in block.SubjectAttention!.parameters())
                p.normal_(0, 0.05);
        }
        var dir = Path.Combine(Path.GetTempPath(), $"dt-bench-{Guid.NewGuid():N}");
        var path = Path.Combine(dir, "subject_encoder.safetensors");
        SubjectEncoderFile.Save(path, encoder, model.Unet);
        encoder.Dispose();
        var clip = new ClipVisionModel(clipConfig);
        return (SubjectEncoderFile.Load(path, model.Unet, clip), dir);
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "DreamTuner.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? Directory.GetCurrentDirectory();
    }
}
