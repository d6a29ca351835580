using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Starter.Evaluation;
using DreamTuner.Engine.Tests.DreamTuner;
using DreamTuner.Engine.Tests.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Vision;
using SkiaSharp;

namespace DreamTuner.Engine.Tests.Starter.Bench;

/// <summary>
/// SpriteBench end to end on a tiny random starter model (train-starter --scale tiny) with a random subject-encoder
/// added, scored by fakes: the reader reads the truth of the quality-bar targets (and whatever the test says).
/// </summary>
[Collection(GlobalRngCollection.Name)]
public sealed class SpriteBenchEndToEndTests : IClassFixture<TinyStarterModelFixture>, IDisposable
{
    private readonly TinyStarterModelFixture _fixture;
    private readonly string _out = TestPaths.NewTempDir("spritebench");

    public SpriteBenchEndToEndTests(TinyStarterModelFixture fixture)
    {
        _fixture = fixture;
        Assert.Equal(0, fixture.ExitCode);
        lock (fixture)
        {
            var encoderDir = Path.Combine(fixture.ModelDir, "subject_encoder");
            if (Directory.Exists(encoderDir)) return;
            Directory.CreateDirectory(encoderDir);
            using var model = ModelLoader.Load(fixture.ModelDir, DeviceSpec.Cpu);
            TinySubjectEncoder.WriteRandomFile(model.Unet, encoderDir);
            using var clip = TinyClipVision.Create(1);
            clip.Save(Path.Combine(fixture.ModelDir, "image_encoder"));
        }
    }

    public void Dispose() => Directory.Delete(_out, true);

    /// <summary>Every method with one subject, one sampling step and a few fine-tuning steps: the smallest full-mode run.</summary>
    private static SpriteBenchOptions TinyFull => SpriteBenchOptions.Full with
    {
        Subjects = 1,
        PromptsPerSubject = 2,
        BarSamples = 3,
        SamplingSteps = 1,
        FineTuneSteps = 3,
        TextualInversionSteps = 1,
        CurveSteps = [0, 2, 3],
        RegularImages = 1,
        RegularImageSteps = 1,
    };

    private static Func<string, SpriteBenchScorers> TruthfulBarReader(SpriteBenchOptions options, Func<SpriteReading, SpriteReading>? edit = null)
    {
        var bar = SpriteBenchPlan.Create(options).BarTargets;
        return _ => SpriteReadings.Scorers(new FakeSpriteReader((call, i) =>
        {
            // The first batch read is the quality bar's, the next two its ceilings (renders, VAE round trips); later
            // batches are scored but not judged here.
            var truth = SpriteReadings.Truth(bar[call <= 2 ? i : 0].Example);
            return call == 0 && edit is not null ? edit(truth) : truth;
        }));
    }

    [Fact]
    public void A_full_run_with_every_method_writes_the_table_the_json_the_curve_and_the_samples()
    {
        var options = TinyFull;

        var exit = BenchCommand.Run(_fixture.ModelDir, _out, options, TruthfulBarReader(options));

        Assert.Equal(0, exit);
        foreach (var file in new[] { SpriteBenchRunner.MarkdownFile, SpriteBenchRunner.JsonFile, SpriteBenchRunner.CurveFile, SpriteBenchRunner.SamplesFile })
            Assert.True(new FileInfo(Path.Combine(_out, file)).Length > 0, file);
        var md = File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.MarkdownFile));
        foreach (var method in Enum.GetValues<SpriteBenchMethod>())
            Assert.Contains($"| {SpriteBenchMethodNames.Display(method)} | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("| DreamTuner (full) | 3 |", md, StringComparison.Ordinal);   // the curve's last point
        Assert.Contains("| DreamBooth-style (LoRA + [S*]) | 0 |", md, StringComparison.Ordinal);
        using var samples = SKBitmap.Decode(Path.Combine(_out, SpriteBenchRunner.SamplesFile));
        Assert.Equal(2 + Enum.GetValues<SpriteBenchMethod>().Length, (samples.Height - 4) / (128 + 4));
        Assert.False(Directory.Exists(Path.Combine(_out, "work")), "fine-tuning work folders are removed");
    }

    [Fact]
    public void Quick_mode_runs_the_bar_and_the_training_free_methods_and_says_what_it_leaves_out()
    {
        var options = SpriteBenchOptions.Quick with { SamplingSteps = 1, Subjects = 1, PromptsPerSubject = 2, BarSamples = 4 };

        var exit = BenchCommand.Run(_fixture.ModelDir, _out, options, TruthfulBarReader(options));

        Assert.Equal(0, exit);
        var md = File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.MarkdownFile));
        Assert.Contains("Mode: **quick**", md, StringComparison.Ordinal);
        Assert.Contains("| Subject-encoder only | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("| Self-subject-attention only | 2 |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Textual inversion", md, StringComparison.Ordinal);
        Assert.Contains("fine-tuned methods", md, StringComparison.Ordinal);
        Assert.Contains("rendered exactly the reader reads 1.000 of the named attributes", md, StringComparison.Ordinal);
        Assert.Contains("after the model's VAE (encode, decode) 1.000", md, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, SpriteBenchRunner.JsonFile)));
        Assert.True(File.Exists(Path.Combine(_out, SpriteBenchRunner.SamplesFile)));
        Assert.False(File.Exists(Path.Combine(_out, SpriteBenchRunner.CurveFile)), "quick mode has no curve");
    }

    [Fact]
    public void A_model_under_the_scene_bar_makes_the_command_fail()
    {
        var options = SpriteBenchOptions.Quick with { SamplingSteps = 1, Subjects = 1, PromptsPerSubject = 1, BarSamples = 4, Methods = [SpriteBenchMethod.TextOnly] };

        var exit = BenchCommand.Run(_fixture.ModelDir, _out, options,
            TruthfulBarReader(options, r => r with { Scene = SpriteReadings.OtherScene(r.Scene) }));

        Assert.Equal(1, exit);
        var json = File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.JsonFile));
        Assert.Contains("\"passed\": false", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_vae_prints_the_readers_accuracy_on_renders_and_on_round_trips_per_attribute()
    {
        var result = EngineProcess.Run(["bench", "vae", "--model", _fixture.ModelDir, "--count", "10"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split('\t')).ToDictionary(c => c[0], c => (Renders: double.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture),
                RoundTrips: double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var attribute in new[] { "shape", "body_colour", "pattern_colour", "accessory_colour", "scene" })
        {
            Assert.True(rows.ContainsKey(attribute), $"{attribute} missing from:\n{result.StdOut}");
            Assert.InRange(rows[attribute].Renders, 0, 1);
            Assert.InRange(rows[attribute].RoundTrips, 0, 1);
        }
    }

    [Fact]
    public void Bench_vae_with_save_rewrites_the_readers_accuracy_with_what_it_printed()
    {
        var reader = Path.Combine(_out, "reader");
        TestPaths.CopyDirectory(Path.Combine(_fixture.ModelDir, SpriteAttributeClassifier.FolderName), reader);
        File.Delete(Path.Combine(reader, EvaluatorAccuracy.FileName));

        var result = EngineProcess.Run(["bench", "vae", "--model", _fixture.ModelDir, "--evaluator", reader, "--count", "6", "--save"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var saved = EvaluatorAccuracy.TryRead(reader);
        Assert.NotNull(saved);
        Assert.Equal(6, saved.Examples);
        var printed = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => c[2]);
        foreach (var (name, value) in saved.VaeRoundTrips)
            Assert.Equal(printed[name], value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Bench_vae_without_a_reader_names_the_missing_folder()
    {
        var result = EngineProcess.Run(["bench", "vae", "--model", _fixture.ModelDir, "--evaluator", Path.Combine(_out, "nowhere")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no reader in", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_evaluator_the_command_says_so_in_one_line()
    {
        // The trained tiny model minus its evaluator/ (links to everything else).
        var model = Path.Combine(_out, "model-without-evaluator");
        Directory.CreateDirectory(model);
        foreach (var entry in Directory.EnumerateFileSystemEntries(_fixture.ModelDir).Where(e => Path.GetFileName(e) != "evaluator"))
            File.CreateSymbolicLink(Path.Combine(model, Path.GetFileName(entry)), entry);

        var result = EngineProcess.Run(["bench", "sprite", "--quick", "--model", model, "--out", Path.Combine(_out, "results")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no evaluator/ folder", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
