using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// Per-attribute accuracy of a reader on images whose examples are known: the identity and scene attributes of
/// <see cref="SpriteMatch"/>, plus <c>emblem_cells</c> (mean share of cells right) and <c>emblem_exact</c> (all 15 right).
/// </summary>
public static class SpriteAccuracy
{
    public const string EmblemCells = "emblem_cells", EmblemExact = "emblem_exact";

    /// <param name="images">[N, 3, H, W] in [0, 1], row i showing <paramref name="examples"/>[i].</param>
    public static IReadOnlyDictionary<string, double> Measure(ISpriteReader reader, IReadOnlyList<StarterExample> examples, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(images);
        if (examples.Count == 0 || images.shape[0] != examples.Count)
            throw new ArgumentException($"{images.shape[0]} images for {examples.Count} examples: need one image per example, at least one");
        var readings = reader.Read(images);
        var sums = new OrderedDictionary<string, double>();
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            var emblem = SpriteMatch.EmblemMatch(readings[i], example.Identity.Emblem);
            var scores = SpriteMatch.IdentityAttributes(readings[i], example.Identity).Select(kv => (kv.Key, kv.Value ? 1.0 : 0.0))
                .Append((EmblemCells, emblem))
                .Append((EmblemExact, emblem == 1 ? 1.0 : 0.0))
                .Concat(SpriteMatch.SceneAttributes(readings[i], example).Select(kv => (kv.Key, kv.Value ? 1.0 : 0.0)));
            foreach (var (name, score) in scores)
                sums[name] = sums.GetValueOrDefault(name) + score;
        }
        var result = new OrderedDictionary<string, double>();
        foreach (var (name, sum) in sums)
            result[name] = sum / examples.Count;
        return result;
    }
}
