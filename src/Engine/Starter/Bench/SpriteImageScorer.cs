using DreamTuner.Engine.Evaluation;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Scores generated images of one identity against their targets: the reader's identity and prompt readings, CLIP-I
/// and ResNet-18 cosines between the generated and the reference subject regions, and CLIP-T against the prompt
/// without [S*]. The generated region is where the reader says the sprite is.
/// </summary>
public sealed class SpriteImageScorer(SpriteBenchScorers scorers)
{
    public SpriteBenchScorers Scorers { get; } = scorers ?? throw new ArgumentNullException(nameof(scorers));

    /// <summary>Reference features on its true region, computed once per subject.</summary>
    public SpriteReferenceFeatures Reference(StarterExample reference, SpriteBenchImage image)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(image);
        using var crop = image.Crop(SpriteRegion.Of(reference, image.Size));
        return new SpriteReferenceFeatures(Scorers.ClipImage.Embed(crop), Scorers.ResNet.Embed(crop));
    }

    /// <param name="subject">Name the scores carry.</param>
    /// <param name="images">Generated image k shows <paramref name="targets"/>[k].</param>
    /// <param name="reference">Null: no similarity to a reference is measured (quality bar, reader ceiling).</param>
    public IReadOnlyList<SpriteImageScore> Score(string subject, IReadOnlyList<SpriteBenchImage> images, IReadOnlyList<SpriteBenchTarget> targets,
        SpriteReferenceFeatures? reference, bool measureClipText = true)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(targets);
        if (images.Count != targets.Count)
            throw new ArgumentException($"{images.Count} images for {targets.Count} targets.");
        if (images.Count == 0) return [];
        IReadOnlyList<Starter.Evaluation.SpriteReading> readings;
        using (var batch = SpriteBenchImage.Stack(images))
            readings = Scorers.Reader.Read(batch);
        if (readings.Count != images.Count)
            throw new InvalidOperationException($"the reader returned {readings.Count} readings for {images.Count} images.");
        var scores = new List<SpriteImageScore>();
        for (int k = 0; k < images.Count; k++)
        {
            var target = targets[k].Example;
            var reading = readings[k];
            var identity = Scorers.Matcher.IdentityAttributes(reading, target.Identity);
            double? clipI = null, resNet = null, clipT = null;
            if (reference is not null)
            {
                using var crop = images[k].Crop(SpriteRegion.For(target, reading.Horizontal, reading.Vertical, reading.Scale, images[k].Size));
                clipI = EmbeddingSimilarity.Cosine(Scorers.ClipImage.Embed(crop), reference.ClipImage);
                resNet = EmbeddingSimilarity.Cosine(Scorers.ResNet.Embed(crop), reference.ResNet);
            }
            if (measureClipText)
            {
                using var whole = images[k].ToTensor();
                clipT = EmbeddingSimilarity.Cosine(Scorers.ClipImage.Embed(whole), Scorers.ClipText.Embed(targets[k].ClassPrompt));
            }
            scores.Add(new SpriteImageScore
            {
                Subject = subject,
                Identity = identity,
                IdentityAccuracy = identity.Count == 0 ? 0 : identity.Values.Count(v => v) / (double)identity.Count,
                EmblemMatch = Scorers.Matcher.EmblemMatch(reading, target.Identity.Emblem),
                Prompt = Scorers.Matcher.SceneAttributes(reading, target),
                ClipI = clipI,
                ClipT = clipT,
                ResNet = resNet,
            });
        }
        return scores;
    }
}
