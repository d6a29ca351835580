using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Stage 4: the small CLIP (<see cref="StarterClipModel"/>) learns image-caption matching on the world with CLIP's
/// contrastive loss. It is independent of the diffusion model: its vision tower becomes the subject encoder's image
/// encoder and both towers score generations (CLIP-I, CLIP-T).
/// </summary>
public sealed class ClipStageBuilder : IStarterStageBuilder
{
    public const double LearningRate = 5e-4;

    public StarterStage Stage => StarterStage.Clip;

    public static StarterClipConfig Config(StarterTrainingContext context) => new()
    {
        ProjectionDim = context.Architecture.ClipProjectionDim,
        TextConfig = context.TextConfig(context.Architecture.ClipText) with { ProjectionDim = context.Architecture.ClipProjectionDim },
        VisionConfig = context.Architecture.ClipVision with { ProjectionDim = context.Architecture.ClipProjectionDim },
    };

    public StarterStageSession Open(StarterTrainingContext context, bool probe)
    {
        var architecture = context.Architecture;
        manual_seed(context.Seed * 31 + (int)Stage);
        var config = Config(context);
        var clip = new StarterClipModel(config);
        clip.train();
        var preprocessor = ClipImagePreprocessor.For(config.VisionConfig);
        return new StarterStageSession
        {
            Trainable = clip.named_parameters().ToDictionary(p => p.name, p => p.parameter),
            Loss = (_, generator) =>
            {
                var batch = context.Batches.Draw(architecture.ClipBatchSize, generator);
                var pixels = preprocessor.Preprocess((batch.Images + 1) / 2);
                return clip.ContrastiveLoss(pixels, StarterClipModel.TrimPadding(tensor(context.Tokenizer.EncodeBatch(batch.Captions)), context.Tokenizer.EosId));
            },
            Save = dir =>
            {
                var clipDir = Path.Combine(dir, "clip");
                Directory.CreateDirectory(clipDir);
                config.Save(Path.Combine(clipDir, StarterClipConfig.FileName));
                StarterWeights.SaveFp16(clip, Path.Combine(clipDir, StarterClipModel.WeightsFileName));
                // transformers keeps a CLIP model's tokenizer files beside its weights.
                StarterVocabulary.Build().Save(clipDir);
            },
            LearningRate = LearningRate,
            BatchSize = architecture.ClipBatchSize,
            SavedParameters = StarterWeights.CountParameters(clip),
            Components = ["clip"],
            Owned = [clip],
        };
    }
}
