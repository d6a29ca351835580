using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Checkpoints;

/// <summary>Random-weight models (tests, benchmarks) must load through the same path as users' models.</summary>
public sealed class RandomModelWriterTests : IDisposable
{
    private readonly string _temp = TestPaths.NewTempDir("dt-random");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Written_tiny_model_loads_through_model_loader_and_generates()
    {
        var dir = Path.Combine(_temp, "tiny");
        RandomModelWriter.Write(dir, RandomModelSpec.Tiny, seed: 5);

        using var model = ModelLoader.Load(dir, DeviceSpec.Cpu);
        using var result = new StableDiffusionPipeline(model).Generate(new GenerationRequest
        {
            Prompt = "a cat", Steps = 2, Scheduler = "euler", Width = 32, Height = 48,
        });
        Assert.Equal([1L, 3, 48, 32], result.Images.shape);
        Assert.False(result.Images.isnan().any().item<bool>());
        // Weights written are the weights read: a UNet rebuilt from the file equals the loaded one.
        using var scope = NewDisposeScope();
        var onDisk = StateDict.Read(Path.Combine(dir, "unet", DiffusersFolder.WeightsFileName));
        foreach (var (key, value) in model.Unet.state_dict())
            Assert.Equal(0.0, (value - onDisk[key]).abs().max().item<float>());
    }

    [Fact]
    public void Create_tiny_model_verb_writes_a_model_the_generate_verb_uses()
    {
        var dir = Path.Combine(_temp, "cli-tiny");
        var create = EngineProcess.Run("create-tiny-model", "--out", dir, "--seed", "3");
        Assert.True(create.ExitCode == 0, create.ToString());
        foreach (var file in DiffusersPipelineFolder.RequiredFiles)
            Assert.True(File.Exists(Path.Combine(dir, file)), file);

        var png = Path.Combine(_temp, "out.png");
        var generate = EngineProcess.Run("generate", "--model", dir, "--prompt", "a cat", "--steps", "2", "--out", png);
        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.True(File.Exists(png));
    }
}
