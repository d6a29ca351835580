using System.Text.Json;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Starter.Evaluation;
using SkiaSharp;

namespace DreamTuner.Engine.Tests.Starter.Bench;

/// <summary>Aggregation, results.md, results.json and the plots, from scores made by fake readings.</summary>
public sealed class SpriteBenchReportTests
{
    private static readonly StarterWorld World = new(0);

    private static SpriteImageScore Score(StarterExample asked, Func<SpriteReading, SpriteReading>? edit = null, double? clipI = null)
    {
        var truth = SpriteReadings.Truth(asked);
        var reading = edit is null ? truth : edit(truth);
        var matcher = ExactAttributeMatcher.Instance;
        var identity = matcher.IdentityAttributes(reading, asked.Identity);
        return new SpriteImageScore
        {
            Subject = "s",
            Identity = identity,
            IdentityAccuracy = identity.Values.Count(v => v) / (double)identity.Count,
            EmblemMatch = matcher.EmblemMatch(reading, asked.Identity.Emblem),
            Prompt = matcher.SceneAttributes(reading, asked),
            ClipI = clipI,
        };
    }

    [Fact]
    public void A_row_averages_each_score_over_the_methods_images()
    {
        var example = World.HeldOutIdentityExample(0);
        var right = Score(example, clipI: 0.9);
        var wrongScene = Score(example, r => r with { Scene = SpriteReadings.OtherScene(example.Scene) }, clipI: 0.5);

        var row = SpriteBenchRow.From("m", "Method", [right, wrongScene], 12.5);

        Assert.Equal(2, row.Images);
        Assert.Equal(1.0, row.IdentityAccuracy!.Value, 9);
        Assert.Equal(0.5, row.Scene!.Value, 9);
        Assert.Equal((1.0 + 0.75) / 2, row.PromptAccuracy!.Value, 9);
        Assert.Equal(0.7, row.ClipI!.Value, 9);
        Assert.Equal(12.5, row.Seconds);
    }

    [Fact]
    public void A_similarity_no_image_measured_is_missing_rather_than_zero()
    {
        var row = SpriteBenchRow.From("m", "Method", [Score(World.HeldOutEmblemExample(0))], 1);

        Assert.Null(row.ClipI);
        Assert.Null(row.ResNet);
        Assert.Contains("| - |", SpriteBenchMarkdown.Write(Report([row])), StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_has_a_line_per_method_the_reader_ceiling_the_bar_verdict_and_the_left_out_parts()
    {
        var rows = new[]
        {
            SpriteBenchRow.From("text-only", "Text only (attribute prompt)", [Score(World.HeldOutIdentityExample(1))], 3),
            SpriteBenchRow.NotRun("se-only", "Subject-encoder only", "no subject-encoder in the model folder"),
        };
        var md = SpriteBenchMarkdown.Write(Report(rows, bar: new QualityBarResult(10, 0.7, 0.95, 0.8, 0.9)));

        Assert.Contains("| Text only (attribute prompt) | 1 | 1.000 |", md, StringComparison.Ordinal);
        Assert.Contains("| Subject-encoder only | 0 | - |", md, StringComparison.Ordinal);
        Assert.Contains("no subject-encoder in the model folder", md, StringComparison.Ordinal);
        Assert.Contains("| Reader ceiling |", md, StringComparison.Ordinal);
        Assert.Contains("| identity attribute accuracy | 0.700 | 0.80 | **FAIL** |", md, StringComparison.Ordinal);
        Assert.Contains("| scene accuracy | 0.950 | 0.90 | pass |", md, StringComparison.Ordinal);
        Assert.Contains("the convergence curve", md, StringComparison.Ordinal);
        Assert.Contains("| DreamBooth | 100 | 0.500 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_carries_the_rows_the_curve_and_the_bars_verdict()
    {
        var row = SpriteBenchRow.From("dreamtuner", "DreamTuner (full)", [Score(World.HeldOutIdentityExample(2), clipI: 0.8)], 4);
        using var json = JsonDocument.Parse(SpriteBenchJson.Write(Report([row], bar: new QualityBarResult(8, 0.85, 0.5, 0.8, 0.9))));
        var root = json.RootElement;

        var first = root.GetProperty("rows")[0];
        Assert.Equal("dreamtuner", first.GetProperty("key").GetString());
        Assert.Equal(0.8, first.GetProperty("clip_i").GetDouble(), 9);
        Assert.False(root.GetProperty("quality_bar").GetProperty("passed").GetBoolean());
        Assert.Contains("scene accuracy", root.GetProperty("quality_bar").GetProperty("failures")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(4, root.GetProperty("curve").GetArrayLength());
        Assert.Equal(100, root.GetProperty("curve")[1].GetProperty("step").GetInt32());
        Assert.Equal("quick", root.GetProperty("mode").GetString());
    }

    [Fact]
    public void The_convergence_plot_draws_one_coloured_line_per_method()
    {
        var png = ConvergencePlot.Render(Curve());
        using var bitmap = SKBitmap.Decode(png);

        Assert.Equal(720, bitmap.Width);
        Assert.Equal(440, bitmap.Height);
        var colours = Enumerable.Range(0, bitmap.Width).SelectMany(x => Enumerable.Range(0, bitmap.Height).Select(y => bitmap.GetPixel(x, y))).ToList();
        // The two method colours (blue and red) and black axes/labels are all drawn.
        Assert.Contains(colours, c => c.Blue > 150 && c.Red < 60 && c.Green is > 100 and < 140);
        Assert.Contains(colours, c => c.Red > 190 && c.Green < 60 && c.Blue < 60);
        Assert.True(colours.Count(c => c.Red < 30 && c.Green < 30 && c.Blue < 30) > 500, "axes and labels are drawn in black");
    }

    [Fact]
    public void The_sample_grid_has_a_labelled_row_per_method_and_a_column_per_image()
    {
        var images = Enumerable.Range(0, 3).Select(i => SpriteBenchImage.FromRendering(StarterRenderer.Render(World.TrainingExample(i)))).ToList();
        var png = SampleGrid.Render([("reference", images.Take(1).ToList()), ("method", images)]);
        using var bitmap = SKBitmap.Decode(png);

        Assert.Equal(230 + 3 * (128 + 4) + 4, bitmap.Width);
        Assert.Equal(2 * (128 + 4) + 4, bitmap.Height);
    }

    private static IReadOnlyList<SpriteBenchCurvePoint> Curve() =>
    [
        new("dreambooth", "DreamBooth", 0, 0.3, 0.5, 4),
        new("dreambooth", "DreamBooth", 100, 0.5, 0.6, 4),
        new("dreamtuner", "DreamTuner", 0, 0.6, 0.6, 4),
        new("dreamtuner", "DreamTuner", 100, 0.8, 0.7, 4),
    ];

    private static SpriteBenchReport Report(IReadOnlyList<SpriteBenchRow> rows, QualityBarResult? bar = null) => new()
    {
        Mode = "quick",
        Model = "models/starter",
        Subjects = 2,
        PromptsPerSubject = 3,
        SamplingSteps = 20,
        Rows = rows,
        ReaderCeiling = SpriteBenchRow.From("reader-ceiling", "Reader ceiling", [Score(World.HeldOutIdentityExample(0))], 0),
        QualityBar = bar ?? new QualityBarResult(4, 1, 1, 0.8, 0.9),
        Curve = Curve(),
        Timings = new Dictionary<string, double> { ["load model"] = 1.5 },
        LeftOut = SpriteBenchOptions.Quick.LeftOut,
    };
}
