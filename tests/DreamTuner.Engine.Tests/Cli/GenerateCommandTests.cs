using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Cli;

/// <summary>The <c>generate</c> verb run as a real process on the tiny reference model.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _temp = TestPaths.NewTempDir("dt-generate");

    public GenerateCommandTests() => ReferenceWarmup.Ensure();

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Out(string name) => Path.Combine(_temp, name);

    private static EngineProcess.Result Generate(params string[] args)
    {
        var run = EngineProcess.Run(["generate", "--model", TestPaths.TinySd15, .. args]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private static LoadedImage ReadPng(string path) => ImageTensors.Load(File.ReadAllBytes(path), PixelRange.ZeroToOne);

    [Fact]
    public void Png_parameters_hold_every_setting_and_read_back()
    {
        var png = Out("cat.png");
        Generate("--prompt", "a cat, (oil painting)", "--negative-prompt", "blurry", "--steps", "3", "--scheduler", "euler",
            "--guidance", "6.5", "--seed", "42", "--out", png);

        var info = PngParameters.Read(File.ReadAllBytes(png));
        Assert.NotNull(info);
        Assert.Equal("a cat, (oil painting)", info.Prompt);
        Assert.Equal("blurry", info.NegativePrompt);
        Assert.Equal("3", info.Get("Steps"));
        Assert.Equal(A1111SamplerNames.FromScheduler("euler"), info.Get("Sampler"));
        Assert.Equal("6.5", info.Get("CFG scale"));
        Assert.Equal("42", info.Get("Seed"));
        Assert.Equal("64x64", info.Get("Size"));
        Assert.Equal(ModelHash.AutoV2(TestPaths.TinySd15), info.Get("Model hash"));
    }

    [Fact]
    public void Batch_size_two_writes_two_numbered_files()
    {
        var run = Generate("--prompt", "a cat", "--steps", "2", "--batch-size", "2", "--out", Out("batch.png"));
        Assert.True(File.Exists(Out("batch-1.png")), run.ToString());
        Assert.True(File.Exists(Out("batch-2.png")), run.ToString());
        Assert.False(File.Exists(Out("batch.png")));
        // The two images come from different noise, so they must differ.
        Assert.NotEqual(File.ReadAllBytes(Out("batch-1.png")), File.ReadAllBytes(Out("batch-2.png")));
    }

    [Fact]
    public void Image_to_image_keeps_the_init_size_and_is_deterministic_for_a_seed()
    {
        var init = Out("init.png");
        using (var scope = NewDisposeScope())
        {
            manual_seed(3);
            File.WriteAllBytes(init, ImageTensors.ToPng(rand(1, 3, 48, 80) * 2 - 1));
        }
        string[] args = ["--prompt", "a cat", "--steps", "4", "--init-image", init, "--strength", "0.5", "--seed", "7"];
        Generate([.. args, "--out", Out("a.png")]);
        Generate([.. args, "--out", Out("b.png")]);

        Assert.Equal(File.ReadAllBytes(Out("a.png")), File.ReadAllBytes(Out("b.png")));
        using var image = ReadPng(Out("a.png"));
        Assert.Equal((80, 48), (image.Width, image.Height));
        Assert.Equal("0.5", PngParameters.Read(File.ReadAllBytes(Out("a.png")))!.Get("Denoising strength"));
    }

    [Fact]
    public void A_strength_that_keeps_no_step_is_one_clear_line_and_writes_nothing()
    {
        var init = Out("init-small.png");
        using (var scope = NewDisposeScope())
            File.WriteAllBytes(init, ImageTensors.ToPng(zeros(1, 3, 64, 64)));

        var run = EngineProcess.Run(["generate", "--model", TestPaths.TinySd15, "--prompt", "a cat", "--steps", "25",
            "--init-image", init, "--strength", "0.01", "--out", Out("none.png")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: strength 0.01 keeps no step of 25: use more steps or a higher strength.", Assert.Single(run.ErrorLines));
        Assert.False(File.Exists(Out("none.png")));
    }

    [Fact]
    public void Output_latents_writes_a_tensor_named_latents()
    {
        var latents = Out("latents.safetensors");
        Generate("--prompt", "a cat", "--steps", "2", "--out", Out("l.png"), "--output-latents", latents);
        using var scope = NewDisposeScope();
        var tensors = StateDict.Read(latents);
        Assert.Equal(["latents"], tensors.Keys);
        Assert.Equal([1L, 4, 32, 32], tensors["latents"].shape);
    }

    [Fact]
    public void Initial_noise_reproduces_the_reference_run()
    {
        var noise = Out("noise.safetensors");
        StateDict.Write(noise, new Dictionary<string, Tensor> { ["latents"] = Reference.Input("txt2img.latents") });
        var run = Reference.InputsJson.GetProperty("txt2img").GetProperty("txt2img_ddim");
        var latents = Out("final.safetensors");
        Generate("--prompt", run.GetProperty("prompt").GetString()!, "--negative-prompt", "", "--scheduler", "ddim",
            "--steps", "10", "--guidance", "7.5", "--width", "64", "--height", "64", "--initial-noise", noise,
            "--out", Out("ref.png"), "--output-latents", latents);

        using var scope = NewDisposeScope();
        var actual = StateDict.Read(latents)["latents"];
        var expected = Reference.Expected("txt2img_ddim.latents")[^1];
        var (atol, _) = Reference.Tolerance("txt2img_ddim.latents");
        Assert.True((actual - expected).abs().max().item<float>() <= atol);
        // The PNG holds exactly the reference's quantised image (diffusers' round-half-to-even, within 1 level).
        var pixels = ReadPng(Out("ref.png")).Pixels.mul(255).round().permute(0, 2, 3, 1);
        var expectedU8 = Reference.Expected("txt2img_ddim.image_u8").to(ScalarType.Float32);
        Assert.True((pixels - expectedU8).abs().max().item<float>() <= 1);
    }

    [Fact]
    public void Non_square_size_that_is_not_a_multiple_of_64_works()
    {
        var png = Out("wide.png");
        Generate("--prompt", "a cat", "--steps", "2", "--width", "72", "--height", "40", "--out", png);
        using var image = ReadPng(png);
        Assert.Equal((72, 40), (image.Width, image.Height));
        Assert.Equal("72x40", PngParameters.Read(File.ReadAllBytes(png))!.Get("Size"));
    }
}
