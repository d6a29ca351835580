using System.Text.Json;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.Starter.Bench;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Starter.Bench;

/// <summary>
/// SpriteBench's quick mode on the committed starter model (models/starter), scored by its own evaluator, CLIP and
/// ResNet-18. A missing model or missing scorers fail these tests: they are not a reason to skip them.
/// (Quick mode's 3-minute target is measured by <c>bench sprite --quick</c>, which prints its time, not asserted here.)
/// </summary>
[Collection(GlobalRngCollection.Name)]
public sealed class BundledStarterModelQualityBarTests : IDisposable
{
    private readonly string _out = TestPaths.NewTempDir("spritebench-bundled");

    public void Dispose() => Directory.Delete(_out, true);

    private static string Model => Path.Combine(TestPaths.RepoRoot, "models", "starter");

    [Fact]
    public void Quick_mode_on_the_bundled_model_scores_every_training_free_method_and_exits_by_the_quality_bar()
    {
        Assert.True(File.Exists(Path.Combine(Model, "model_index.json")), $"no starter model in {Model}");

        var exit = BenchCommand.Run(Model, _out, SpriteBenchOptions.Quick, SpriteBenchScorers.FromModel);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.JsonFile)));
        var bar = json.RootElement.GetProperty("quality_bar");
        Assert.Equal(bar.GetProperty("passed").GetBoolean() ? 0 : 1, exit);
        Assert.Equal(SpriteBenchOptions.Quick.BarSamples, bar.GetProperty("samples").GetInt32());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["text-only", "ssa-only", "se-only"], rows.Select(r => r.GetProperty("key").GetString()));
        foreach (var row in rows)
        {
            Assert.Equal(6, row.GetProperty("images").GetInt32());
            Assert.InRange(row.GetProperty("identity_accuracy").GetDouble(), 0, 1);
            Assert.InRange(row.GetProperty("res_net").GetDouble(), -1, 1);
        }
        Assert.True(File.Exists(Path.Combine(_out, "samples.png")));
    }

    [Fact]
    public void The_command_line_sets_how_many_images_the_bar_reads_the_sampling_steps_and_the_sampler()
    {
        var run = EngineProcess.Run(["bench", "sprite", "--quick", "--model", Model, "--out", _out, "--bar-samples", "3", "--sampling-steps", "2",
            "--scheduler", "ddim"]);

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.JsonFile)));
        Assert.Equal(3, json.RootElement.GetProperty("quality_bar").GetProperty("samples").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("sampling_steps").GetInt32());
        Assert.Equal("ddim", json.RootElement.GetProperty("scheduler").GetString());
        Assert.Contains("2 sampling steps (ddim)", File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.MarkdownFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_starter_model_meets_the_quality_bar_in_quick_mode()
    {
        var exit = BenchCommand.Run(Model, _out, SpriteBenchOptions.Quick, SpriteBenchScorers.FromModel);

        var results = File.ReadAllText(Path.Combine(_out, SpriteBenchRunner.MarkdownFile));
        Assert.True(exit == 0, results);
    }
}
