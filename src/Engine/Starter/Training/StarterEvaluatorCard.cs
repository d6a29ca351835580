using System.Globalization;
using System.Text;
using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>The model card's paragraph on the attribute classifier: what it is and the accuracy it measured on itself.</summary>
public static class StarterEvaluatorCard
{
    /// <summary>Appends the evaluator's line and accuracy table when <paramref name="evaluatorDir"/> holds an accuracy file.</summary>
    public static void Append(StringBuilder s, string evaluatorDir)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (EvaluatorAccuracy.TryRead(evaluatorDir) is not { } accuracy)
            return;
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("- **evaluator**: `SpriteAttributeClassifier` (not part of the diffusion model), the judge SpriteBench reads images with:");
        s.AppendLine("  a small CNN with one head per attribute, trained on renders of all three splits with their exact labels, half of each");
        s.AppendLine("  batch through the VAE round trip and a quarter blurred and noised. Its accuracy on " +
            accuracy.Examples.ToString(inv) + " " + accuracy.Data + " (the ceiling of SpriteBench's scores;");
        s.AppendLine(inv, $"  pose = all four limbs within {SpriteMatch.ArmToleranceDegrees} degrees (arms) / {SpriteMatch.LegToleranceDegrees} degrees (legs)):");
        s.AppendLine();
        s.AppendLine("| attribute | renders | VAE round trips |");
        s.AppendLine("|---|---|---|");
        foreach (var (name, value) in accuracy.Renders)
            s.AppendLine(inv, $"| {name} | {value:P1} | {accuracy.VaeRoundTrips.GetValueOrDefault(name, double.NaN):P1} |");
    }
}
