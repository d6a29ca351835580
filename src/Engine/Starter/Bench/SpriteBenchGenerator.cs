using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Generates a method's images through the engine's own pipelines: <see cref="StableDiffusionPipeline"/> for text-only
/// and the fine-tuned text-to-image methods, <see cref="DreamTunerPipeline"/> for everything that looks at the reference.
/// The target's pose goes in as the world's pose image through <c>controlnet-pose/</c> when the model has one.
/// One image per target, each with its own fixed seed.
/// </summary>
public sealed class SpriteBenchGenerator(string modelDir, SpriteBenchOptions options)
{
    public string ModelDir { get; } = modelDir;
    public SpriteBenchOptions Options { get; } = options;
    public DeviceSpec Device { get; init; } = DeviceSpec.Cpu;

    private string PoseControlNetDir => Path.Combine(ModelDir, ControlNetStageBuilder.FolderName);

    public bool HasPoseControlNet => File.Exists(Path.Combine(PoseControlNetDir, "config.json"));

    public bool HasSubjectEncoder =>
        ModelFolderLayout.ExistingSubjectEncoder(ModelDir) is not null && Directory.Exists(ModelFolderLayout.ImageEncoder(ModelDir));

    /// <summary>A fresh copy of the model (fine-tuning changes the model it runs on), with the pose ControlNet when present.</summary>
    public StableDiffusionModel LoadModel() => ModelLoader.Load(ModelDir, Device, controlNetDir: HasPoseControlNet ? PoseControlNetDir : null);

    /// <summary>The model folder's subject-encoder, or null when it has none.</summary>
    public SubjectEncoderIdentity? LoadSubjectEncoder(StableDiffusionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!HasSubjectEncoder) return null;
        return SubjectEncoderFile.Load(ModelFolderLayout.ExistingSubjectEncoder(ModelDir)!, model.Unet,
            ClipVisionModel.FromFolder(ModelFolderLayout.ImageEncoder(ModelDir), Device.Device, Device.DType));
    }

    /// <summary>Plain text-to-image, one image per (prompt, target).</summary>
    public IReadOnlyList<SpriteBenchImage> TextToImage(StableDiffusionModel model, IReadOnlyList<SpriteBenchTarget> targets,
        Func<SpriteBenchTarget, string> prompt, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(prompt);
        var pipeline = new StableDiffusionPipeline(model);
        var images = new List<SpriteBenchImage>();
        foreach (var target in targets)
        {
            using var scope = NewDisposeScope();
            using var result = pipeline.Generate(BaseRequest(model, target, prompt(target)), cancellation: cancellation);
            images.AddRange(SpriteBenchImage.FromPipeline(result.Images));
        }
        return images;
    }

    /// <summary>
    /// Reference-driven generation. <paramref name="coarse"/> null = no subject-encoder; <paramref name="selfSubjectAttention"/>
    /// false = no attn1 layer sees the reference, and with p_r = 0 every step takes Eq. 5 (plain text guidance), because
    /// Eq. 4's reference difference would be zero without self-subject-attention.
    /// </summary>
    public IReadOnlyList<SpriteBenchImage> WithReference(StableDiffusionModel model, SpriteBenchSubject subject, SubjectEncoderIdentity? coarse,
        bool selfSubjectAttention, Func<SpriteBenchTarget, string> prompt, string referencePrompt, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(prompt);
        var pipeline = new DreamTunerPipeline(model);
        var kind = coarse is null ? CoarseIdentityKind.None : CoarseIdentityKind.SubjectEncoder;
        pipeline.UseCoarseIdentity(coarse, kind);
        var images = new List<SpriteBenchImage>();
        foreach (var target in subject.Targets)
        {
            using var scope = NewDisposeScope();
            var reference = Reference(subject.Reference);
            var request = new DreamTunerRequest
            {
                Base = BaseRequest(model, target, prompt(target)),
                References = [reference],
                ReferencePrompt = referencePrompt,
                CoarseIdentity = kind,
            };
            if (!selfSubjectAttention)
                request = request with { SelfSubjectAttentionLayers = [], PR = 0 };
            using var result = pipeline.Generate(request, cancellation: cancellation);
            images.AddRange(SpriteBenchImage.FromPipeline(result.Output.Images));
        }
        return images;
    }

    /// <summary>The reference as the pipelines take it: [1, 3, H, W] in [0, 1] with the world's exact mask.</summary>
    public DreamTunerReference Reference(StarterExample reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var rendering = StarterRenderer.Render(reference, Options.ImageSize);
        var image = SpriteBenchImage.FromRendering(rendering).ToTensor().unsqueeze(0);
        var mask = tensor(rendering.Mask, dtype: ScalarType.Byte).view(1, 1, rendering.Size, rendering.Size).to(ScalarType.Float32).div(255.0);
        return new DreamTunerReference(image, Mask: mask);
    }

    private GenerationRequest BaseRequest(StableDiffusionModel model, SpriteBenchTarget target, string prompt) => new()
    {
        Prompt = prompt,
        Steps = Options.SamplingSteps,
        GuidanceScale = Options.GuidanceScale,
        Scheduler = Options.Scheduler,
        Seed = target.Seed,
        Width = Options.ImageSize,
        Height = Options.ImageSize,
        ControlImage = model.ControlNet is null ? null : PoseImage(target.Example),
    };

    private Tensor PoseImage(StarterExample example)
    {
        var rendering = StarterRenderer.Render(example, Options.ImageSize);
        return tensor(rendering.Pose, dtype: ScalarType.Byte).view(1, rendering.Size, rendering.Size, 3).permute(0, 3, 1, 2).to(ScalarType.Float32).div(255.0);
    }
}
