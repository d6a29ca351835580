using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Cli;

/// <summary><c>generate</c> without <c>--model</c> runs the bundled starter model (models/starter), loaded like any user model.</summary>
public sealed class GenerateStarterDefaultTests : IDisposable
{
    private readonly string _temp = TestPaths.NewTempDir("dt-generate-starter");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Generate_without_a_model_option_draws_with_the_bundled_starter_model_at_its_native_size()
    {
        var starter = Path.Combine(TestPaths.RepoRoot, "models", "starter");
        Assert.True(File.Exists(Path.Combine(starter, "model_index.json")), $"no starter model in {starter}");
        var png = Path.Combine(_temp, "creature.png");

        var run = EngineProcess.Run(["generate", "--prompt", "a red round creature with white stripes, in the snow", "--steps", "4",
            "--seed", "3", "--out", png]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var info = PngParameters.Read(File.ReadAllBytes(png));
        Assert.NotNull(info);
        Assert.Equal("starter", info.Get("Model"));
        var image = ImageTensors.Load(File.ReadAllBytes(png), PixelRange.ZeroToOne);
        Assert.Equal(64, image.Width);
        Assert.Equal(64, image.Height);
    }
}
