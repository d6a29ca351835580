namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Issue 9's bar for the starter model: text-only generations of training identities from their captions must show
/// the intended attributes in at least 80 % of cases and the scene in at least 90 %. "Intended" means named by the
/// caption, so the eyes (which <see cref="StarterCaptions.Caption"/> never names) are not counted; each attribute of
/// each image is one case.
/// </summary>
public static class QualityBar
{
    public const double IdentityThreshold = 0.80;
    public const double SceneThreshold = 0.90;

    private static readonly HashSet<string> Unnamed = ["eyes"];

    /// <param name="examples">The examples the images were generated for, in the same order; when given, the result
    /// also splits the identity accuracy by the sprite's size (small sprites carry their parts in a few pixels).</param>
    public static QualityBarResult Check(IReadOnlyList<SpriteImageScore> scores, IReadOnlyList<StarterExample>? examples = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0) throw new ArgumentException("the quality bar needs at least one scored image.");
        if (examples is not null && examples.Count != scores.Count)
            throw new ArgumentException($"{scores.Count} scores but {examples.Count} examples: the size split needs one example per image.", nameof(examples));
        var all = new Tally();
        var perAttribute = new OrderedDictionary<string, Tally>();
        var perSize = new OrderedDictionary<string, Tally>();
        for (int i = 0; i < scores.Count; i++)
            foreach (var (name, ok) in scores[i].Identity)
            {
                if (Unnamed.Contains(name)) continue;
                all.Add(ok);
                Add(perAttribute, name, ok);
                if (examples is not null)
                    Add(perSize, SizeName(examples[i].Scale), ok);
            }
        var scene = scores.Average(s => s.PromptAttribute("scene"));
        return new QualityBarResult(scores.Count, all.Accuracy, scene, IdentityThreshold, SceneThreshold)
        {
            PerAttribute = perAttribute.ToDictionary(kv => kv.Key, kv => kv.Value.Accuracy),
            PerSize = Enum.GetValues<SpriteScale>().Select(SizeName).Where(perSize.ContainsKey)
                .ToDictionary(name => name, name => perSize[name].Accuracy),
        };
    }

    public static string SizeName(SpriteScale scale) => scale.ToString().ToLowerInvariant();

    private static void Add(OrderedDictionary<string, Tally> tallies, string key, bool ok)
    {
        if (!tallies.TryGetValue(key, out var tally))
            tallies[key] = tally = new Tally();
        tally.Add(ok);
    }

    private sealed class Tally
    {
        private int _cases, _correct;

        public void Add(bool ok)
        {
            _cases++;
            if (ok) _correct++;
        }

        public double Accuracy => _cases == 0 ? 0 : (double)_correct / _cases;
    }
}
