namespace DreamTuner.Engine.Starter.Bench;

/// <summary>The starter model's quality bar as measured: the two accuracies, their thresholds and what failed.</summary>
public sealed record QualityBarResult(int Samples, double IdentityAccuracy, double SceneAccuracy, double IdentityThreshold, double SceneThreshold)
{
    public bool IdentityPassed => IdentityAccuracy >= IdentityThreshold;
    public bool ScenePassed => SceneAccuracy >= SceneThreshold;
    public bool Passed => IdentityPassed && ScenePassed;

    /// <summary>Accuracy of each counted identity attribute on its own (what the identity number averages over).</summary>
    public IReadOnlyDictionary<string, double> PerAttribute { get; init; } = new Dictionary<string, double>();

    /// <summary>Identity accuracy by the sprite's size (small, medium, large); empty when the examples were not given.</summary>
    public IReadOnlyDictionary<string, double> PerSize { get; init; } = new Dictionary<string, double>();

    /// <summary>One line per failed number, naming it, its value and its threshold.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>();
            if (!IdentityPassed)
                failures.Add(FormattableString.Invariant($"identity attribute accuracy {IdentityAccuracy:P1} is below the bar of {IdentityThreshold:P0}"));
            if (!ScenePassed)
                failures.Add(FormattableString.Invariant($"scene accuracy {SceneAccuracy:P1} is below the bar of {SceneThreshold:P0}"));
            return failures;
        }
    }
}
