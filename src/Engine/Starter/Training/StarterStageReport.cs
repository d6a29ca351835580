using System.Text.Json;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>What a finished stage did, kept in its work folder so the model card can be written from any later run.</summary>
public sealed record StarterStageReport(
    string Stage,
    IReadOnlyList<string> Components,
    int Steps,
    int BatchSize,
    double LearningRate,
    long Seed,
    double FirstLoss,
    double LastLoss,
    double SecondsLastSession,
    int StepsLastSession,
    double SecondsPerStep,
    long Parameters,
    long BytesOnDisk,
    bool CosineLr = false,
    WeightAveragePlan? Average = null)
{
    public const string FileName = "report.json";

    /// <summary>Step time measured over the session that finished the stage (0 when it had nothing left to do).</summary>
    public double MeasuredSecondsPerStep => StepsLastSession == 0 ? 0 : SecondsLastSession / StepsLastSession;

    /// <summary>Mean loss over the first and last tenth of the steps (at least one step each): noise-robust start and end.</summary>
    public static (double First, double Last) Ends(IReadOnlyList<double> losses)
    {
        if (losses.Count == 0)
            return (double.NaN, double.NaN);
        int n = Math.Max(1, losses.Count / 10);
        return (losses.Take(n).Average(), losses.Skip(losses.Count - n).Average());
    }

    public void Save(string dir) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(dir).FullName, FileName), JsonSerializer.Serialize(this, ConfigFile.Json));

    public static StarterStageReport? TryRead(string dir)
    {
        var path = Path.Combine(dir, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<StarterStageReport>(File.ReadAllText(path), ConfigFile.Json) : null;
    }
}
