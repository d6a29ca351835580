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

    public static QualityBarResult Check(IReadOnlyList<SpriteImageScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0) throw new ArgumentException("the quality bar needs at least one scored image.");
        int cases = 0, correct = 0;
        var perAttribute = new OrderedDictionary<string, (int Cases, int Correct)>();
        foreach (var score in scores)
            foreach (var (name, ok) in score.Identity)
            {
                if (Unnamed.Contains(name)) continue;
                cases++;
                if (ok) correct++;
                var (n, k) = perAttribute.GetValueOrDefault(name);
                perAttribute[name] = (n + 1, k + (ok ? 1 : 0));
            }
        var scene = scores.Average(s => s.PromptAttribute("scene"));
        return new QualityBarResult(scores.Count, cases == 0 ? 0 : (double)correct / cases, scene, IdentityThreshold, SceneThreshold)
        {
            PerAttribute = perAttribute.ToDictionary(kv => kv.Key, kv => (double)kv.Value.Correct / kv.Value.Cases),
        };
    }
}
