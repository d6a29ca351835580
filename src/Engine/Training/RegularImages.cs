using System.Text.Json;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// The regular (prior-preservation) images of subject-driven fine-tuning (DreamTuner section 3.3, improvement 4, and
/// appendix B): generated from the detailed caption with the subject-encoder (beta 0.2, when one is loaded) and
/// self-subject-attention (w_ref 3.0) without the mask, "as the background is also expected to be maintained", so
/// they resemble the reference and the model must learn the details that separate "a class_word [S*]" from
/// "a class_word". Cached as PNG files in the work folder with a key file; a resumed job reuses them, and the cached
/// PNG (not the in-memory image) is always what training reads, so fresh and resumed runs see the same pixels.
/// </summary>
public static class RegularImages
{
    public const string Folder = "regular";
    private const string KeyFile = "regular.json";

    private sealed record CacheKey(string Caption, long Seed, int Resolution, int Steps, double Beta, double WRef, bool SubjectEncoder, string ModelHash);

    /// <summary>Returns [N, 3, res, res] images in [0, 1], generating only those not cached under the same settings.</summary>
    public static Tensor GetOrGenerate(StableDiffusionModel model, ICoarseIdentityModule? subjectEncoder, DreamTunerReference reference,
        string caption, int count, int resolution, SubjectFineTuneOptions options, string workDir, Action<int, int>? onImage = null,
        CancellationToken cancellation = default)
    {
        var dir = Path.Combine(workDir, Folder);
        Directory.CreateDirectory(dir);
        var key = JsonSerializer.Serialize(new CacheKey(caption, options.Seed, resolution, options.RegularImageSteps, options.Beta, options.WRef,
            subjectEncoder is not null, model.Hash));
        var keyPath = Path.Combine(dir, KeyFile);
        if (!File.Exists(keyPath) || File.ReadAllText(keyPath) != key)
        {
            foreach (var old in Directory.GetFiles(dir, "*.png")) File.Delete(old);
            File.WriteAllText(keyPath, key);
        }
        var pipeline = new DreamTunerPipeline(model) { SubjectEncoder = subjectEncoder };
        var images = new List<Tensor>();
        for (int i = 0; i < count; i++)
        {
            var path = Path.Combine(dir, $"{i:D3}.png");
            if (!File.Exists(path))
            {
                cancellation.ThrowIfCancellationRequested();
                using var result = pipeline.Generate(new DreamTunerRequest
                {
                    Base = new GenerationRequest
                    {
                        Prompt = caption,
                        Steps = options.RegularImageSteps,
                        Seed = options.Seed + 1000 + i,
                        Width = resolution,
                        Height = resolution,
                    },
                    References = [reference],
                    ReferencePrompt = caption,
                    CoarseIdentity = subjectEncoder is null ? CoarseIdentityKind.None : CoarseIdentityKind.SubjectEncoder,
                    Beta = options.Beta,
                    WRef = options.WRef,
                    NoMask = true,
                }, cancellation: cancellation);
                var temp = path + ".tmp";
                File.WriteAllBytes(temp, ImageTensors.ToPng(result.Output.Images));
                File.Move(temp, path, true);
            }
            onImage?.Invoke(i + 1, count);
            using var loaded = ImageTensors.Load(File.ReadAllBytes(path), PixelRange.ZeroToOne, resolution, resolution, multipleOf: 1);
            images.Add(loaded.Pixels.clone());
        }
        return cat(images, 0);
    }
}
