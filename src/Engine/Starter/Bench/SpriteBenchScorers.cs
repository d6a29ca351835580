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
        // Wired at merge: SpriteAttributeClassifier.FromFolder(Path.Combine(modelDir, "evaluator")), ClipImageEmbedder /
        // ClipTextEmbedder over Path.Combine(modelDir, "clip"), ResNet18ImageEmbedder. They live on other branches.
        throw new SpriteBenchNotInstalledException(
            "SpriteBench's scorers are not installed in this build: the attribute classifier (evaluator/), the CLIP embedders " +
            "and the ResNet-18 embedder are wired in SpriteBenchScorers.FromModel.");
    }

    public void Dispose()
    {
        foreach (var part in new object[] { Reader, Matcher, ClipImage, ClipText, ResNet }.Distinct())
            (part as IDisposable)?.Dispose();
    }
}
