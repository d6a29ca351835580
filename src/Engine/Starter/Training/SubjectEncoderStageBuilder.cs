using DreamTuner.Data.Jobs;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Training.Pretraining;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Stage 5: DreamTuner's subject-encoder pretraining (paper section 3.1, stage 1) on the world, through
/// <see cref="SubjectEncoderPretrainer"/>: only the encoder head and the S-E-A layers learn to help the frozen UNet
/// denoise an image from the encoder's view of the same sprite (background removed, augmented). The frozen pose
/// ControlNet gives the layout, as the paper's depth ControlNet does, so the encoder has to carry identity, not pose.
/// The image encoder is the CLIP stage's vision tower; it is also written to <c>image_encoder/</c>, where the engine
/// loads it from (<see cref="ModelFolderLayout"/>).
/// </summary>
public sealed class SubjectEncoderStageBuilder : IStarterStageBuilder
{
    /// <summary>
    /// Far above the paper's 1e-5 (a week on A100s for a full-size model): here the head trains from scratch in minutes,
    /// and its output layers start at zero.
    /// </summary>
    public const double LearningRate = 1e-4;

    /// <summary>The paper's strength of the subject-encoder-attention while training (appendix A).</summary>
    public const double TrainingBeta = 1.0;

    public static readonly IReadOnlyList<string> Components =
        [Path.GetDirectoryName(ModelFolderLayout.SubjectEncoderFile)!, ModelFolderLayout.ImageEncoderFolder];

    public StarterStage Stage => StarterStage.SubjectEncoder;

    /// <summary>
    /// The paper feeds the deep layer 25 and the shallower 4, 8, 12, 16 of a 32-layer tower; the small tower keeps the
    /// same pattern: its last layer first, then every earlier one.
    /// </summary>
    public static SubjectEncoderConfig Config(ClipVisionConfig vision, int crossAttentionDim) => new()
    {
        LayerIndices = [vision.NumHiddenLayers, .. Enumerable.Range(1, vision.NumHiddenLayers - 1)],
        ClipHiddenSize = vision.HiddenSize,
        CrossAttentionDim = crossAttentionDim,
    };

    public StarterStageSession Open(StarterTrainingContext context, bool probe)
    {
        var architecture = context.Architecture;
        var (vae, text, unet) = context.LoadDiffusion(probe);
        var controlNet = probe
            ? ControlNetModel.FromUNet(unet, architecture.ControlNetConditioningChannels)
            : ControlNetModel.FromFolder(Path.Combine(context.OutDir, ControlNetStageBuilder.FolderName));
        var clip = probe
            ? new ClipVisionModel(ClipStageBuilder.Config(context).VisionConfig)
            : ClipVisionModel.FromFolder(Path.Combine(context.OutDir, "clip"));
        foreach (var module in new nn.Module[] { vae, text, unet, controlNet, clip })
            module.eval();
        var pool = StarterLatentPool.LoadOrBuild(probe ? null : context.LatentPoolPath, vae, context.Batches,
            probe ? architecture.SubjectEncoderBatchSize : architecture.LatentPoolSize);

        var model = new StableDiffusionModel
        {
            Name = "starter",
            Hash = "",
            Tokenizer = context.Tokenizer,
            TextEncoder = text,
            Unet = unet,
            Vae = vae,
            SchedulerConfig = SchedulerConfig.Read(Path.Combine(context.OutDir, "scheduler", "scheduler_config.json")),
            Device = DeviceSpec.Cpu,
        };
        var identity = SubjectEncoderPretrainer.CreateFresh(unet, clip, Config(clip.Config, text.Config.HiddenSize),
            context.Seed * 31 + (int)Stage);
        var pretrainer = new SubjectEncoderPretrainer(model, identity) { DepthControlNet = controlNet };
        var trainable = pretrainer.PrepareTrainable();
        var augmentation = new EncoderAugmentation(new EncoderAugmentationOptions());
        var preprocessor = ClipImagePreprocessor.For(clip.Config);
        int batchSize = architecture.SubjectEncoderBatchSize;
        return new StarterStageSession
        {
            Trainable = trainable,
            Loss = (_, generator) =>
            {
                var indices = pool.DrawIndices(batchSize, generator);
                var latents = pool.Latents(indices, vae.ScalingFactor, generator);
                var rendered = context.Batches.Render(indices);
                var masks = context.Batches.Masks(indices);
                var images01 = (rendered.Images + 1) / 2;
                var pixels = Enumerable.Range(0, indices.Length).Select(i => SubjectEncoderPretrainer.EncoderPixels(augmentation, preprocessor,
                    images01.narrow(0, i, 1), masks.narrow(0, i, 1), generator)).ToArray();
                var batch = new PretrainingBatch(latents, cat(pixels, 0), rendered.Captions, rendered.Poses, ones(indices.Length, 1, 1, 1));
                return pretrainer.BatchLoss(batch, TrainingBeta, controlScale: 1.0, context.DiffusionLoss, generator);
            },
            Save = dir =>
            {
                SubjectEncoderFile.Save(Path.Combine(dir, ModelFolderLayout.SubjectEncoderFile), identity.Encoder, unet, ScalarType.Float16);
                StarterImageEncoder.Save(clip, Path.Combine(dir, ModelFolderLayout.ImageEncoderFolder));
            },
            LearningRate = LearningRate,
            BatchSize = batchSize,
            SavedParameters = trainable.Values.Sum(p => p.numel()) + StarterWeights.CountParameters(clip),
            Components = Components,
            Disposables = [pool],
            Owned = [vae, text, unet, controlNet, identity.Encoder, clip],
        };
    }
}
