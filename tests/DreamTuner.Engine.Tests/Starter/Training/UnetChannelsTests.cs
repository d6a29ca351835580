using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Unet;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>
/// <c>train-starter --unet-channels</c>: the UNet, and the ControlNet built from it, get the asked block widths, the
/// card says so, and the folder loads and samples through the code a user's model takes.
/// </summary>
[Collection(GlobalRngCollection.Name)]
public sealed class UnetChannelsTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("starter-unet-channels");

    public void Dispose() => Directory.Delete(_dir, true);

    private Task<int> Train(string stage, string channels) => EngineCommandLine.RunAsync(["train-starter", "--out", Path.Combine(_dir, "model"),
        "--work", Path.Combine(_dir, "work"), "--scale", "tiny", "--steps-per-stage", "2", "--stage", stage, "--unet-channels", channels]);

    [Fact]
    public async Task A_starter_model_with_other_unet_widths_trains_loads_and_samples()
    {
        Assert.Equal(0, await Train("vae", "24,32,48"));
        Assert.Equal(0, await Train("unet", "24,32,48"));
        Assert.Equal(0, await Train("controlnet", "24,32,48"));
        var model = Path.Combine(_dir, "model");
        Assert.Equal([24, 32, 48], ConfigFile.Read<UNetConfig>(Path.Combine(model, "unet", "config.json")).BlockOutChannels);
        Assert.Equal([24, 32, 48], ConfigFile.Read<ControlNetConfig>(Path.Combine(model, "controlnet-pose", "config.json")).BlockOutChannels);

        StarterFolderSampling.AssertSamplesAnImage(model);
        var card = await File.ReadAllTextAsync(Path.Combine(model, "MODEL_CARD.md"));
        Assert.Contains("UNet blocks [24, 32, 48]", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("16,32")]
    [InlineData("20,32,48")]
    [InlineData("16,x,32")]
    [InlineData("0,16,32")]
    public async Task Widths_the_unet_cannot_take_are_refused_before_anything_is_written(string channels)
    {
        var refused = await EngineCommandLine.RunAsync(["train-starter", "--out", Path.Combine(_dir, "a"), "--scale", "tiny", "--unet-channels", channels]);
        Assert.NotEqual(0, refused);
        Assert.False(Directory.Exists(Path.Combine(_dir, "a")));
    }
}
