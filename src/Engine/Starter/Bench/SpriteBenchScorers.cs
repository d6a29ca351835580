using DreamTuner.Engine.Evaluation;
using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Everything SpriteBench scores with: the attribute reader, the matching rules, CLIP image and text towers (the
/// world's CLIP in <c>clip/</c>) and the independent ImageNet ResNet-18 features. <see cref="FromModel"/> is the
/// one place where the concrete implementations are wired.
/// </summary>
public sealed record SpriteBenchScorers(
    ISpriteReader Reader,
    ISpriteAttributeMatcher Matcher,
    IImageEmbedder ClipImage,
    ITextEmbedder ClipText,
    IImageEmbedder ResNet) : IDisposable
{
    /// <summary>
    /// The scorers of a starter model folder: the evaluator in <c>evaluator/</c>, CLIP in <c>clip/</c>, ResNet-18 from
    /// the Microsoft.ML.DnnImageFeaturizer.ResNet18 package.
    /// </summary>
    public static SpriteBenchScorers FromModel(string modelDir)
    {
        ArgumentNullException.ThrowIfNull(modelDir);
        var evaluatorDir = Path.Combine(modelDir, SpriteAttributeClassifier.FolderName);
        if (!Directory.Exists(evaluatorDir))
            throw new SpriteBenchNotInstalledException(
                $"{modelDir} has no {SpriteAttributeClassifier.FolderName}/ folder: SpriteBench reads images with the attribute classifier " +
                "that train-starter's evaluator stage writes there (train-starter --stage evaluator).");
        var resNet = ResNet18ImageEmbedder.TryLoadDefault() ?? throw new SpriteBenchNotInstalledException(
            $"ResNet-18 is not installed beside the engine ({ResNet18ImageEmbedder.DefaultPath}): it comes with the build from the " +
            "Microsoft.ML.DnnImageFeaturizer.ResNet18 package; rebuild the engine.");
        SpriteAttributeClassifier? reader = null;
        try
        {
            reader = SpriteAttributeClassifier.FromFolder(evaluatorDir);
            var clip = ClipEmbedders.Load(Path.Combine(modelDir, "clip"));
            return new SpriteBenchScorers(reader, ExactAttributeMatcher.Instance, clip.Image, clip.Text, resNet) { _clip = clip };
        }
        catch
        {
            resNet.Dispose();
            reader?.Dispose();
            throw;
        }
    }

    /// <summary>The loaded CLIP both CLIP embedders share (they do not own it).</summary>
    private ClipEmbedders? _clip;

    public void Dispose()
    {
        foreach (var part in new object?[] { Reader, Matcher, ClipImage, ClipText, ResNet, _clip }.Distinct())
            (part as IDisposable)?.Dispose();
    }
}
