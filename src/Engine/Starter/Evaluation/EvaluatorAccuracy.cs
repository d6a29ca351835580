using System.Text.Json;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// The judge's ceiling, measured when the evaluator stage saves: per-attribute accuracy (<see cref="SpriteAccuracy"/>)
/// on fresh renders never drawn in training and on their VAE round trips (encode, posterior mean, decode: the closest
/// stand-in for generated images). Kept as <c>evaluator/accuracy.json</c> beside the weights, so SpriteBench and the
/// model card print the same numbers.
/// </summary>
public sealed record EvaluatorAccuracy(
    int Examples,
    string Data,
    IReadOnlyDictionary<string, double> Renders,
    IReadOnlyDictionary<string, double> VaeRoundTrips)
{
    public const string FileName = "accuracy.json";

    public void Save(string dir) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(dir).FullName, FileName), JsonSerializer.Serialize(this, ConfigFile.Json));

    /// <summary>The accuracy saved in the classifier folder <paramref name="dir"/>, or null when there is none.</summary>
    public static EvaluatorAccuracy? TryRead(string dir)
    {
        var path = Path.Combine(dir, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<EvaluatorAccuracy>(File.ReadAllText(path), ConfigFile.Json) : null;
    }
}
