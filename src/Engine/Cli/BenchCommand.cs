using System.CommandLine;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Starter.Evaluation;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// <c>bench sprite [--quick] [--out DIR] [--model DIR] [--world-seed S] [--guidance G] [--sampling-steps N] [--bar-samples N]</c>: SpriteBench on the starter model. Exits 1
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
        var guidance = new Option<double?>("--guidance") { Description = "Classifier-free guidance scale of every generation (default 7.5)" };
        var samplingSteps = new Option<int?>("--sampling-steps") { Description = "Sampling steps of every generation (default 20)" };
        var scheduler = new Option<string?>("--scheduler") { Description = "Sampler of every generation (default dpmpp-2m-karras)" };
        scheduler.AcceptOnlyFromAmong([.. SchedulerFactory.Names]);
        var barSamples = new Option<int?>("--bar-samples")
        {
            Description = "Training identities the quality bar generates (default 96, quick 48); more give a steadier bar when comparing models",
        };
        var sprite = new Command("sprite", "SpriteBench: held-out starter identities, Table-1 methods, convergence curve, quality bar")
            { quick, output, model, worldSeed, guidance, samplingSteps, scheduler, barSamples };
        sprite.SetAction((result, cancellation) =>
        {
            var modelDir = result.GetValue(model)!;
            if (!File.Exists(Path.Combine(modelDir, "model_index.json")))
                throw new UsageException($"no starter model in {modelDir} (model_index.json missing): train it with train-starter or pass --model.");
            var defaults = result.GetValue(quick) ? SpriteBenchOptions.Quick : SpriteBenchOptions.Full;
            var options = defaults with
            {
                WorldSeed = result.GetValue(worldSeed),
                GuidanceScale = result.GetValue(guidance) ?? defaults.GuidanceScale,
                SamplingSteps = result.GetValue(samplingSteps) ?? defaults.SamplingSteps,
                Scheduler = result.GetValue(scheduler) ?? defaults.Scheduler,
                BarSamples = result.GetValue(barSamples) ?? defaults.BarSamples,
            };
            return Task.FromResult(Run(modelDir, result.GetValue(output)!, options, SpriteBenchScorers.FromModel, cancellation));
        });
        bench.Subcommands.Add(sprite);
        bench.Subcommands.Add(CreateVae());
        return bench;
    }

    /// <summary>
    /// <c>bench vae --model DIR [--evaluator DIR] [--count N] [--world-seed S] [--save]</c>: how much of the starter world a
    /// model's VAE keeps, as SpriteBench's reader sees it (accuracy on fresh renders and on their round trips). A VAE
    /// can be compared before any UNet is trained on it. <c>--save</c> stores the numbers as the reader's
    /// <c>accuracy.json</c>: a reader kept across a VAE retrain (it reads decoded images, it does not depend on one
    /// decoder) then states its ceiling through the model's new VAE, which the model card prints.
    /// </summary>
    private static Command CreateVae()
    {
        var model = new Option<string>("--model") { DefaultValueFactory = _ => StarterModelFolder.Default(), Description = "Model folder whose vae/ is measured" };
        var evaluator = new Option<string?>("--evaluator") { Description = "Reader folder (default: the model's evaluator/)" };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 512, Description = "Fresh examples of all three splits" };
        var worldSeed = new Option<ulong>("--world-seed") { DefaultValueFactory = _ => 0, Description = "Seed of the world" };
        var save = new Option<bool>("--save") { Description = "Also write the numbers to the reader folder's accuracy.json (after a VAE retrain)" };
        var vae = new Command("vae", "Reader accuracy on fresh starter-world renders and on their round trips through the model's VAE")
            { model, evaluator, count, worldSeed, save };
        vae.SetAction(result =>
        {
            var modelDir = result.GetValue(model)!;
            var readerDir = result.GetValue(evaluator) ?? Path.Combine(modelDir, SpriteAttributeClassifier.FolderName);
            if (!File.Exists(Path.Combine(modelDir, "vae", "config.json")))
                throw new UsageException($"no vae/ in {modelDir}: pass --model with a starter model folder.");
            if (!Directory.Exists(readerDir))
                throw new UsageException($"no reader in {readerDir}: train one with train-starter --stage evaluator or pass --evaluator.");
            if (result.GetValue(count) < 1)
                throw new UsageException($"--count must be 1 or more, got {result.GetValue(count)}");
            using var autoencoder = AutoencoderKL.FromFolder(Path.Combine(modelDir, "vae"));
            autoencoder.eval();
            using var reader = SpriteAttributeClassifier.FromFolder(readerDir);
            var accuracy = EvaluatorStageBuilder.Measure(reader, autoencoder, new StarterWorld(result.GetValue(worldSeed)), result.GetValue(count),
                StarterRenderer.DefaultSize);
            Console.WriteLine("attribute\trenders\tvae round trips");
            foreach (var (name, value) in accuracy.Renders)
                Console.WriteLine(FormattableString.Invariant($"{name}\t{value:F3}\t{accuracy.VaeRoundTrips.GetValueOrDefault(name, double.NaN):F3}"));
            if (result.GetValue(save))
            {
                accuracy.Save(readerDir);
                Console.Error.WriteLine($"saved {Path.Combine(readerDir, EvaluatorAccuracy.FileName)}");
            }
            return 0;
        });
        return vae;
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
