using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Checkpoints;

/// <summary>
/// The ways a user hands the engine a model — diffusers folder, single LDM file, fp16 weights — and the one-line
/// errors the real CLI gives for broken ones.
/// </summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly string _temp = TestPaths.NewTempDir("dt-loading");

    public ModelLoadingTests()
    {
        ReferenceWarmup.Ensure();
        _ = Reference.Input("txt2img.latents");
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static GenerationRequest ShortRequest => TinyModel.ReferenceRequest("txt2img_euler") with { Steps = 3 };

    private static Tensor Generate(StableDiffusionModel model)
    {
        using var result = new StableDiffusionPipeline(model).Generate(ShortRequest);
        var images = result.Images.clone();
        images.DetachFromDisposeScope();
        return images;
    }

    /// <summary>The tiny reference model as one LDM-layout .safetensors file, as A1111 users keep their models.</summary>
    private string WriteSingleFile(string name = "tiny.safetensors")
    {
        using var scope = NewDisposeScope();
        var unet = StateDict.Read(Path.Combine(TestPaths.TinySd15, "unet", DiffusersFolder.WeightsFileName));
        var vae = StateDict.Read(Path.Combine(TestPaths.TinySd15, "vae", DiffusersFolder.WeightsFileName));
        var text = StateDict.Read(Path.Combine(TestPaths.TinySd15, "text_encoder", "model.safetensors"));
        var layout = SingleFileCheckpoint.LayoutOf(ConfigSource.FromFolder(TestPaths.TinySd15).Unet());
        var path = Path.Combine(_temp, name);
        StateDict.Write(path, LdmKeyConversion.ToLdm(unet, vae, text, layout));
        return path;
    }

    private string CopyTinyFolder(string name)
    {
        var target = Path.Combine(_temp, name);
        foreach (var file in Directory.EnumerateFiles(TestPaths.TinySd15, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(TestPaths.TinySd15, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }

    private static void AssertOneLineError(EngineProcess.Result run, params string[] mentions)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.ErrorLines;
        Assert.True(lines.Length == 1, run.ToString());
        Assert.StartsWith("error:", lines[0]);
        foreach (var m in mentions)
            Assert.Contains(m, lines[0]);
    }

    private static string[] GenerateArgs(string model, string output, params string[] extra) =>
        ["generate", "--model", model, "--prompt", "a cat", "--steps", "2", "--out", output, .. extra];

    [Fact]
    public void Single_file_ldm_checkpoint_generates_the_same_image_as_the_diffusers_folder()
    {
        var file = WriteSingleFile();
        using var fromFolder = TinyModel.Load();
        using var fromFile = ModelLoader.Load(file, DeviceSpec.Cpu, configDir: TestPaths.TinySd15);
        using var scope = NewDisposeScope();
        var expected = Generate(fromFolder);
        var actual = Generate(fromFile);
        Assert.Equal(0.0, (expected - actual).abs().max().item<float>());
    }

    [Fact]
    public void Folder_missing_unet_config_fails_with_one_line_naming_the_file()
    {
        var folder = CopyTinyFolder("no-unet-config");
        File.Delete(Path.Combine(folder, "unet", "config.json"));
        var run = EngineProcess.Run(GenerateArgs(folder, Path.Combine(_temp, "out.png")));
        AssertOneLineError(run, "unet/config.json");
    }

    [Fact]
    public void Truncated_safetensors_file_fails_with_one_line_naming_the_file()
    {
        var file = WriteSingleFile("truncated.safetensors");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var run = EngineProcess.Run(GenerateArgs(file, Path.Combine(_temp, "out.png"), "--config", TestPaths.TinySd15));
        AssertOneLineError(run, file);
    }

    [Fact]
    public void Checkpoint_with_a_renamed_key_fails_with_one_line_naming_the_key()
    {
        var path = Path.Combine(_temp, "renamed.safetensors");
        using (var scope = NewDisposeScope())
        {
            var weights = StateDict.Read(WriteSingleFile());
            weights.Remove("model.diffusion_model.out.2.weight", out var moved);
            weights["model.diffusion_model.out.2.weight_renamed"] = moved!;
            StateDict.Write(path, weights);
        }
        var run = EngineProcess.Run(GenerateArgs(path, Path.Combine(_temp, "out.png"), "--config", TestPaths.TinySd15));
        AssertOneLineError(run, "model.diffusion_model.out.2.weight_renamed");
    }

    [Fact]
    public void Fp16_weights_on_disk_load_as_their_fp32_values_and_generate()
    {
        var folder = CopyTinyFolder("fp16");
        foreach (var (sub, file, fp16Name) in new[]
                 {
                     ("unet", DiffusersFolder.WeightsFileName, DiffusersFolder.Fp16WeightsFileName),
                     ("vae", DiffusersFolder.WeightsFileName, DiffusersFolder.Fp16WeightsFileName),
                     ("text_encoder", "model.safetensors", "model.safetensors"),
                 })
        {
            using var scope = NewDisposeScope();
            var path = Path.Combine(folder, sub, file);
            var half = StateDict.Read(path).ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float16));
            File.Delete(path);
            StateDict.Write(Path.Combine(folder, sub, fp16Name), half);
        }

        using var model = ModelLoader.Load(folder, DeviceSpec.Cpu);
        using (var scope = NewDisposeScope())
        {
            var onDisk = StateDict.Read(Path.Combine(TestPaths.TinySd15, "unet", DiffusersFolder.WeightsFileName));
            var loaded = model.Unet.state_dict()["conv_in.weight"];
            Assert.Equal(ScalarType.Float32, loaded.dtype);
            // fp16 -> fp32 is exact, so the loaded weight is precisely the fp32 original rounded to fp16.
            var expected = onDisk["conv_in.weight"].to(ScalarType.Float16).to(ScalarType.Float32);
            Assert.Equal(0.0, (loaded - expected).abs().max().item<float>());
            var images = Generate(model);
            Assert.False(images.isnan().any().item<bool>());
            Assert.Equal([1L, 3, 64, 64], images.shape);
        }
    }
}
