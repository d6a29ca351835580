using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Cli;

/// <summary><c>generate --reference ...</c> through the real engine process, as a user runs it.</summary>
public sealed class GenerateDreamTunerCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-cli-dt");

    public void Dispose() => Directory.Delete(_dir, true);

    private EngineProcess.Result Generate(string output, params string[] extra) => EngineProcess.Run(
        ["generate", "--model", TestPaths.TinySd15, "--prompt", "a horse in the snow", "--steps", "3", "--scheduler", "ddim",
         "--seed", "5", "--out", output, .. extra]);

    [Fact]
    public void A_reference_image_gives_a_png_whose_metadata_records_the_dreamtuner_settings()
    {
        var output = Path.Combine(_dir, "dt.png");
        var result = Generate(output, "--reference", Path.Combine(TestPaths.Images, "horse-cutout.png"), "--p-r", "1", "--w-ref", "2.5");
        Assert.True(result.ExitCode == 0, result.ToString());
        var info = PngParameters.Read(File.ReadAllBytes(output))!;
        Assert.Equal("1", info.Get("DreamTuner references"));
        Assert.Equal("none", info.Get("Coarse identity"));
        Assert.Equal("2.5", info.Get("w_ref"));
        Assert.Equal("1.0", info.Get("p_r"));
    }

    [Fact]
    public void The_same_seed_and_reference_give_the_same_bytes()
    {
        string[] reference = ["--reference", Path.Combine(TestPaths.Images, "horse-cutout.png")];
        var a = Generate(Path.Combine(_dir, "a.png"), reference);
        var b = Generate(Path.Combine(_dir, "b.png"), reference);
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a + "\n" + b);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a.png")), File.ReadAllBytes(Path.Combine(_dir, "b.png")));
    }

    [Fact]
    public void A_reference_without_alpha_or_mask_warns_how_to_get_a_better_mask()
    {
        var result = Generate(Path.Combine(_dir, "w.png"), "--reference", Path.Combine(TestPaths.Images, "rocket.jpg"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.StartsWith("warning:") && l.Contains("--reference-mask"));
    }

    [Fact]
    public void A_reference_that_is_not_an_image_is_a_one_line_error()
    {
        var notImage = Path.Combine(_dir, "notes.png");
        File.WriteAllText(notImage, "just text");
        var result = Generate(Path.Combine(_dir, "x.png"), "--reference", notImage);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error:", line);
    }

    [Fact]
    public void A_subject_encoder_without_an_image_encoder_is_a_usage_error()
    {
        var result = Generate(Path.Combine(_dir, "y.png"), "--reference", Path.Combine(TestPaths.Images, "horse-cutout.png"),
            "--subject-encoder", Path.Combine(_dir, "se.safetensors"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--image-encoder", Assert.Single(result.ErrorLines));
    }
}
