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
/// <code>dotnet run -c Release --project bench/DreamTuner.Bench.DreamTuner -- [--model DIR] [--size 64] [--steps 8] [--out FILE]</code>
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

            // Warm-up of both paths (allocator, kernels), then alternate measured runs.
            MeasureStep(p => plain.Generate(baseRequest with { Steps = 2 }, p).Dispose());
            MeasureStep(p => dream.Generate(dreamRequest with { Base = baseRequest with { Steps = 2 } }, p).Dispose());
            var cfg = new List<double>();
            var dt = new List<double>();
            for (int rep = 0; rep < 2; rep++)
            {
                cfg.Add(MeasureStep(p => plain.Generate(baseRequest, p).Dispose()));
                dt.Add(MeasureStep(p => dream.Generate(dreamRequest, p).Dispose()));
            }
            double cfgStep = cfg.Min(), dtStep = dt.Min();
            var report = new Dictionary<string, object>
            {
                ["model"] = Path.GetFileName(Path.GetFullPath(modelDir)),
                ["size"] = size,
                ["steps"] = steps,
                ["threads"] = get_num_threads(),
                ["cfg_seconds_per_step"] = cfgStep,
                ["dreamtuner_seconds_per_step"] = dtStep,
                ["ratio"] = dtStep / cfgStep,
                ["dreamtuner_setting"] = "subject-encoder (beta 0.2) + self-subject-attention on all attn1 (1 reference) + interleaved CFG p_r 0.9",
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            File.WriteAllText(outPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CFG {cfgStep * 1000:F1} ms/step, DreamTuner {dtStep * 1000:F1} ms/step, ratio {dtStep / cfgStep:F2} ({size}x{size}, {steps} steps) -> {outPath}"));
            return 0;
        }
        finally
        {
            identity.Dispose();
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Mean seconds between step callbacks after the first.</summary>
    private static double MeasureStep(Action<Action<GenerationProgress>> run)
    {
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        run(_ => times.Add(clock.Elapsed.TotalSeconds));
        return times.Count < 2 ? times[0] : (times[^1] - times[0]) / (times.Count - 1);
    }

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
