using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Training.Pretraining;
using DreamTuner.Engine.Tests.Vision;

namespace DreamTuner.Engine.Tests.Cli;

/// <summary><c>pretrain-subject-encoder</c> through the real engine process, and its file in <c>generate</c>.</summary>
public sealed class PretrainSubjectEncoderCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-cli-pretrain");

    public void Dispose() => Directory.Delete(_dir, true);

    private string ImageEncoder()
    {
        var dir = Path.Combine(_dir, "image_encoder");
        using var clip = TinyClipVision.Create(1);
        clip.Save(dir);
        return dir;
    }

    [Fact]
    public void The_verb_trains_with_progress_and_writes_a_file_that_generate_loads_as_subject_encoder()
    {
        var data = TinyPretraining.WriteDataset(Path.Combine(_dir, "data"), count: 3);
        var imageEncoder = ImageEncoder();
        var output = Path.Combine(_dir, "out", "se.safetensors");
        var trained = EngineProcess.Run("pretrain-subject-encoder", "--model", TestPaths.TinySd15, "--data", data, "--out", output,
            "--image-encoder", imageEncoder, "--steps", "2", "--resolution", "32", "--lr", "1e-3");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        Assert.Contains("step 2/2", trained.StdErr);
        Assert.Contains("loss", trained.StdErr);
        Assert.True(File.Exists(output));
        Assert.True(File.Exists(Path.Combine(_dir, "out", "subject_encoder_config.json")));

        var png = Path.Combine(_dir, "gen.png");
        var generated = EngineProcess.Run("generate", "--model", TestPaths.TinySd15, "--prompt", "a square", "--steps", "2",
            "--scheduler", "ddim", "--out", png, "--reference", Path.Combine(TestPaths.Images, "horse-cutout.png"),
            "--subject-encoder", output, "--image-encoder", imageEncoder);
        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.Equal("subject-encoder", PngParameters.Read(File.ReadAllBytes(png))!.Get("Coarse identity"));
    }

    [Fact]
    public void An_empty_data_folder_is_a_one_line_error()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var result = EngineProcess.Run("pretrain-subject-encoder", "--model", TestPaths.TinySd15, "--data", empty,
            "--out", Path.Combine(_dir, "se.safetensors"), "--image-encoder", ImageEncoder());
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error:", line);
        Assert.Contains("no images", line);
    }

    [Fact]
    public void A_second_run_into_the_same_work_folder_needs_resume()
    {
        var data = TinyPretraining.WriteDataset(Path.Combine(_dir, "data"), count: 2);
        var imageEncoder = ImageEncoder();
        string[] args = ["pretrain-subject-encoder", "--model", TestPaths.TinySd15, "--data", data, "--out", Path.Combine(_dir, "se.safetensors"),
            "--image-encoder", imageEncoder, "--steps", "1", "--resolution", "32"];
        Assert.Equal(0, EngineProcess.Run(args).ExitCode);
        var again = EngineProcess.Run(args);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--resume", Assert.Single(again.ErrorLines));
        var resumed = EngineProcess.Run([.. args.Select(a => a == "1" ? "2" : a), "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("step 2/2", resumed.StdErr);
        Assert.DoesNotContain("step 1/2", resumed.StdErr);
    }
}
