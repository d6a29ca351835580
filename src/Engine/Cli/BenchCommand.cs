using System.CommandLine;
using DreamTuner.Engine.Starter.Bench;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// <c>bench sprite [--quick] [--out DIR] [--model DIR] [--world-seed S]</c>: SpriteBench on the starter model. Exits 1
/// and names the number when the starter model's quality bar is not met.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks of the engine");
        var quick = new Option<bool>("--quick") { Description = "Quality bar + training-free methods on 2 subjects (CI, at most 3 minutes)" };
        var output = new Option<string>("--out") { DefaultValueFactory = _ => Path.Combine("bench", "results", "sprite"), Description = "Folder for results.md, results.json, convergence.png, samples.png" };
        var model = new Option<string>("--model") { DefaultValueFactory = _ => StarterModelFolder.Default(), Description = "Starter model folder (default: models/starter)" };
        var worldSeed = new Option<ulong>("--world-seed") { DefaultValueFactory = _ => 0, Description = "Seed of the world the model was trained on (train-starter --seed)" };
        var sprite = new Command("sprite", "SpriteBench: held-out starter identities, Table-1 methods, convergence curve, quality bar") { quick, output, model, worldSeed };
        sprite.SetAction((result, cancellation) =>
        {
            var modelDir = result.GetValue(model)!;
            if (!File.Exists(Path.Combine(modelDir, "model_index.json")))
                throw new UsageException($"no starter model in {modelDir} (model_index.json missing): train it with train-starter or pass --model.");
            var options = (result.GetValue(quick) ? SpriteBenchOptions.Quick : SpriteBenchOptions.Full) with { WorldSeed = result.GetValue(worldSeed) };
            return Task.FromResult(Run(modelDir, result.GetValue(output)!, options, SpriteBenchScorers.FromModel, cancellation));
        });
        bench.Subcommands.Add(sprite);
        return bench;
    }

    /// <summary>Runs the bench and prints where the files are and the bar's verdict; 0 = bar met. <paramref name="scorersFor"/> makes the scorers of a model folder.</summary>
    public static int Run(string modelDir, string outDir, SpriteBenchOptions options, Func<string, SpriteBenchScorers> scorersFor,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scorersFor);
        SpriteBenchScorers scorers;
        try
        {
            scorers = scorersFor(modelDir);
        }
        catch (SpriteBenchNotInstalledException e)
        {
            throw new UsageException(e.Message);
        }
        using (scorers)
        {
            var runner = new SpriteBenchRunner(new SpriteBenchGenerator(modelDir, options), scorers) { Log = m => Console.Error.WriteLine(m) };
            var report = runner.Run(outDir, cancellation);
            Console.WriteLine(Path.Combine(outDir, SpriteBenchRunner.MarkdownFile));
            Console.WriteLine(FormattableString.Invariant(
                $"quality bar: identity {report.QualityBar.IdentityAccuracy:F3} (>= {report.QualityBar.IdentityThreshold:F2}), scene {report.QualityBar.SceneAccuracy:F3} (>= {report.QualityBar.SceneThreshold:F2}); {report.TotalSeconds:F0} s"));
            foreach (var failure in report.QualityBar.Failures)
                Console.Error.WriteLine($"quality bar failed: {failure}");
            return report.QualityBar.Passed ? 0 : 1;
        }
    }
}
