using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Starter.Evaluation;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Tests.Support;
using Xunit.Abstractions;

namespace DreamTuner.Engine.Tests.Starter.Evaluation;

[Collection(GlobalRngCollection.Name)]
public sealed class EvaluatorStageTests : IDisposable
{
    private const long Seed = 3;
    private const int Steps = 300;
    private readonly string _dir = TestPaths.NewTempDir("evaluator-stage");
    private readonly ITestOutputHelper _output;

    public EvaluatorStageTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => Directory.Delete(_dir, true);

    private StarterStageReport Train(StarterStage stage, int steps)
    {
        var trainer = new StarterTrainer(new StarterTrainingOptions
        {
            OutDir = Path.Combine(_dir, "model"),
            WorkDir = Path.Combine(_dir, "work"),
            Scale = StarterScale.Tiny,
            Seed = Seed,
            CheckpointEvery = 1000,
        });
        var context = trainer.PrepareFolder(Path.Combine(_dir, "model"), Path.Combine(_dir, "work"));
        return trainer.RunStage(stage, context, new StarterStagePlan(stage, steps, context.Architecture.BatchSizeOf(stage), 0),
            Path.Combine(_dir, "work"), CancellationToken.None);
    }

    [Fact]
    public void The_stage_needs_the_trained_vae()
    {
        var e = Assert.Throws<CheckpointException>(() => Train(StarterStage.Evaluator, 1));
        Assert.Contains("vae/", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_tiny_run_lowers_the_loss_and_reads_the_scene_better_than_chance()
    {
        Train(StarterStage.Vae, 2);
        var report = Train(StarterStage.Evaluator, Steps);

        var dir = Path.Combine(_dir, "model", SpriteAttributeClassifier.FolderName);
        var accuracy = EvaluatorAccuracy.TryRead(dir);
        Assert.NotNull(accuracy);
        foreach (var (name, value) in accuracy.Renders)
            _output.WriteLine($"{name}: renders {value:P1}, VAE round trips {accuracy.VaeRoundTrips[name]:P1}");
        _output.WriteLine($"loss {report.FirstLoss:0.000} -> {report.LastLoss:0.000} in {report.SecondsLastSession:0.0} s");

        Assert.True(report.LastLoss < report.FirstLoss, $"loss {report.FirstLoss:0.000} -> {report.LastLoss:0.000}");
        Assert.Equal(["shape", "body_colour", "pattern", "pattern_colour", "eyes", "accessory", "accessory_colour", SpriteAccuracy.EmblemCells,
            SpriteAccuracy.EmblemExact, "scene", "horizontal", "vertical", "scale", "pose"], accuracy.Renders.Keys);
        // Chance is 1/6 for six scenes. The scene is the largest signal in an image; the tiny classifier does not yet
        // separate twelve body colours in 300 steps (about chance), so the full model's own accuracy.json is what
        // the model card and SpriteBench report for the small attributes.
        Assert.True(accuracy.Renders["scene"] > 3.0 / 6, $"scene read right in {accuracy.Renders["scene"]:P1} of renders");
        using var loaded = SpriteAttributeClassifier.FromFolder(dir);
        Assert.Equal(report.Parameters, loaded.parameters().Sum(p => p.numel()));
    }
}
