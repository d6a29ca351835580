using System.Globalization;
using DreamTuner.Data.Entities;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Runs one stored generation on a loaded model, choosing the method from the row: text-to-image, image-to-image
/// (init image), ControlNet (control image; combinable with both), and DreamTuner when it names characters
/// (their references drive self-subject-attention and the coarse-identity module, if the model folder has one).
/// Must run on the job's dedicated thread (TorchSharp scopes are thread-local).
/// </summary>
public static class GenerationRunner
{
    public const string MethodKey = "Method";

    public static GenerationRun Run(LoadedModel loaded, Generation g, GenerationInputs inputs, Action<GenerationProgress> onStep,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = NewDisposeScope();
        var learned = new Dictionary<Guid, string>();
        int trained = 0;
        foreach (var c in inputs.Characters.Where(c => c.PackagePath is not null))
            learned[c.Id] = loaded.Characters[trained++].Token;
        string Rewrite(string text) => CharacterPrompt.Rewrite(text, inputs.Characters, learned);

        var request = GenerationRequestFactory.Create(g) with
        {
            Prompt = Rewrite(g.Prompt),
            NegativePrompt = Rewrite(g.NegativePrompt ?? ""),
            InitImage = inputs.InitImage is { } init ? Load(init, PixelRange.MinusOneToOne, g.Width, g.Height) : null,
            Strength = g.InitStrength ?? 0.75,
            ControlImage = inputs.ControlImage is { } control ? Load(control, PixelRange.ZeroToOne, g.Width, g.Height) : null,
            ControlScale = g.ControlScale,
        };
        var metadata = new List<KeyValuePair<string, string>>();
        if (request.InitImage is not null)
            metadata.Add(new("Denoising strength", GenerationInfo.PythonFloat(request.Strength)));
        if (request.ControlImage is not null)
        {
            metadata.Add(new("ControlNet", (g.ControlType ?? ControlType.Pose).ToString().ToLowerInvariant()));
            metadata.Add(new("ControlNet scale", GenerationInfo.PythonFloat(request.ControlScale)));
        }

        if (!inputs.HasReferences)
        {
            metadata.Insert(0, new(MethodKey, request.ControlImage is not null ? "controlnet" : request.InitImage is not null ? "img2img" : "txt2img"));
            var plain = new StableDiffusionPipeline(loaded.Model).Generate(request, onStep, cancellation);
            return new GenerationRun(Keep(plain), metadata, []);
        }

        var references = inputs.Characters.Select(Reference).ToList();
        var fallbacks = FallbackWarnings.For(g.ModelId, loaded.CoarseIdentityKind,
            [.. inputs.Characters.Select((c, i) => (c.Name, (int)references[i].Image01.shape[3], (int)references[i].Image01.shape[2]))], g.Width, g.Height);
        var dreamTuner = new DreamTunerRequest
        {
            Base = request,
            References = [.. references, .. inputs.ExtraReferences.Select(ExtraReference)],
            ReferencePrompt = g.ReferencePrompt is { } caption ? Rewrite(caption) : null,
            CoarseIdentity = loaded.CoarseIdentityKind,
            Beta = g.SubjectEncoderBeta,
            WRef = g.ReferenceAttentionWeight,
            OmegaR = g.ReferenceGuidance,
            PR = g.ReferenceProbability,
            DeltaT = g.ReferenceDeltaT,
            DeltaTPrime = g.ReferenceDeltaTPrime,
            NoMask = !g.UseMask,
            ControlStart = g.ControlStart,
            ControlEnd = g.ControlEnd,
        };
        var pipeline = new DreamTunerPipeline(loaded.Model);
        pipeline.UseCoarseIdentity(loaded.CoarseIdentity, loaded.CoarseIdentityKind);
        var result = pipeline.Generate(dreamTuner, onStep, cancellation);
        metadata.Insert(0, new(MethodKey, "dreamtuner"));
        if (inputs.Characters.Count > 0)
            metadata.Add(new("Characters", string.Join(", ", inputs.Characters.Select(c =>
                string.Create(CultureInfo.InvariantCulture, $"{c.Name} ({(learned.ContainsKey(c.Id) ? $"trained, package {PackageShortHash(c)}" : "untrained")})")))));
        if (inputs.ExtraReferences.Count > 0)
            metadata.Add(new("Extra references", inputs.ExtraReferences.Count.ToString(CultureInfo.InvariantCulture)));
        metadata.AddRange(dreamTuner.MetadataEntries());
        return new GenerationRun(Keep(result.Output), metadata, [.. fallbacks, .. result.Warnings]);
    }

    private static GenerationResult Keep(GenerationResult result)
    {
        result.Images.MoveToOuterDisposeScope();
        result.Latents.MoveToOuterDisposeScope();
        return result;
    }

    private static Tensor Load(byte[] bytes, PixelRange range, int width, int height)
    {
        var loaded = ImageTensors.Load(bytes, range, width, height);
        loaded.Alpha?.Dispose();
        return loaded.Pixels;
    }

    private static DreamTunerReference Reference(JobCharacter c)
    {
        var image = ImageTensors.Load(c.Reference, PixelRange.ZeroToOne, multipleOf: 1);
        Tensor? mask = null;
        if (c.Mask is not null)
        {
            using var loaded = ImageTensors.Load(c.Mask, PixelRange.ZeroToOne, multipleOf: 1);
            // A mask of another size than its image would be rejected by the pipeline; the image's alpha is then used.
            if (loaded.Width == image.Width && loaded.Height == image.Height)
                mask = loaded.Pixels[.., ..1].contiguous();
        }
        return new DreamTunerReference(image.Pixels, image.Alpha, mask);
    }

    /// <summary>An image without a character (a previous take): its alpha, if any, is the subject mask, else the whole image.</summary>
    private static DreamTunerReference ExtraReference(byte[] bytes)
    {
        var image = ImageTensors.Load(bytes, PixelRange.ZeroToOne, multipleOf: 1);
        return new DreamTunerReference(image.Pixels, image.Alpha, null);
    }

    // The package blob's content hash, shortened like A1111's model hash: enough to tell which training made the image.
    private static string PackageShortHash(JobCharacter c) => c.PackageHash is { Length: >= 10 } h ? h[..10] : c.PackageHash ?? "?";
}
