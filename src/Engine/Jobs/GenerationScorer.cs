using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Evaluation;
using DreamTuner.Engine.Imaging;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Scores a finished generation's images for the gallery:
/// <list type="bullet">
/// <item>identity: ResNet-18 cosine between the whole generated image and each character's reference subject square
/// (<see cref="SubjectRegion"/> from its mask, else its alpha, else the whole reference); the minimum over the
/// characters, because the drift warning must fire when any one of them is lost, and a mean would hide that;</item>
/// <item>prompt: CLIP-T, the cosine of the CLIP image and text embeddings, when the model folder has <c>clip/</c>; the
/// text is the prompt with each character token replaced by its class word only, since a learned token means nothing
/// to a CLIP that never saw it.</item>
/// </list>
/// Runs on the job's dedicated thread (TorchSharp scopes are thread-local).
/// </summary>
public static class GenerationScorer
{
    /// <param name="images">[B, 3, H, W] in [0, 1].</param>
    public static IReadOnlyList<ImageScores> Score(EvaluationModels models, Tensor images, string prompt,
        IReadOnlyList<JobCharacter> characters, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(characters);
        using var scope = NewDisposeScope();
        var identity = characters.Count > 0 ? models.Identity : null;
        var references = identity is null ? [] : characters.Select(c => identity.Embed(ReferenceSubject(c))).ToList();
        var clip = ModelFolderLayout.ExistingClip(modelPath) is { } clipDir ? models.Clip(clipDir) : null;
        var text = clip?.Text.Embed(CharacterPrompt.Rewrite(prompt, characters, new Dictionary<Guid, string>()));

        var scores = new List<ImageScores>();
        for (long i = 0; i < images.shape[0]; i++)
        {
            var image = images[i];
            var features = identity?.Embed(image);
            double? identityScore = features is null ? null : references.Min(r => EmbeddingSimilarity.Cosine(features, r));
            double? promptScore = clip is null || text is null ? null : EmbeddingSimilarity.Cosine(clip.Image.Embed(image), text);
            scores.Add(new ImageScores(identityScore, promptScore));
        }
        return scores;
    }

    private static Tensor ReferenceSubject(JobCharacter c)
    {
        using var loaded = ImageTensors.Load(c.Reference, PixelRange.ZeroToOne, multipleOf: 1);
        Tensor? mask = loaded.Alpha;
        LoadedImage? maskImage = null;
        if (c.Mask is not null)
        {
            maskImage = ImageTensors.Load(c.Mask, PixelRange.ZeroToOne, multipleOf: 1);
            // The pipeline ignores a mask of another size than its image; so does the score.
            if (maskImage.Width == loaded.Width && maskImage.Height == loaded.Height)
                mask = maskImage.Pixels[.., ..1];
        }
        using (maskImage)
            return SubjectRegion.Crop(loaded.Pixels, mask);
    }
}
