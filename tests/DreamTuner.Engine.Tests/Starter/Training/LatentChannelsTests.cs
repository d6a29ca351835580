using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Cli;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>
/// <c>train-starter --latent-channels 8</c> (with the other recipe flags a retrain uses): the VAE and the UNet it
/// trains get 8 latent channels, and the folder still loads and samples through the code a user's model takes.
/// </summary>
[Collection(GlobalRngCollection.Name)]
public sealed class LatentChannelsTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("starter-latents");

    public void Dispose() => Directory.Delete(_dir, true);

    private Task<int> Train(string stage) => EngineCommandLine.RunAsync(["train-starter", "--out", Path.Combine(_dir, "model"),
        "--work", Path.Combine(_dir, "work"), "--scale", "tiny", "--steps-per-stage", "2", "--stage", stage,
        "--latent-channels", "8", "--min-snr-gamma", "5", "--cosine-lr", "--text-unet-lr", "6e-4"]);

    [Fact]
    public async Task An_eight_channel_starter_model_trains_loads_and_samples()
    {
        Assert.Equal(0, await Train("vae"));
        Assert.Equal(0, await Train("unet"));
        var model = Path.Combine(_dir, "model");
        Assert.Equal(8, ConfigFile.Read<AutoencoderKLConfig>(Path.Combine(model, "vae", "config.json")).LatentChannels);
        var unetConfig = ConfigFile.Read<UNetConfig>(Path.Combine(model, "unet", "config.json"));
        Assert.Equal((8, 8), (unetConfig.InChannels, unetConfig.OutChannels));

        StarterFolderSampling.AssertSamplesAnImage(model);
        var card = await File.ReadAllTextAsync(Path.Combine(model, "MODEL_CARD.md"));
        Assert.Contains("16x16x8 latents", card, StringComparison.Ordinal);
        Assert.Contains("min(SNR_t, 5)/SNR_t", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_latent_channels_and_a_negative_gamma_are_refused_before_anything_is_written()
    {
        var refusedChannels = await EngineCommandLine.RunAsync(["train-starter", "--out", Path.Combine(_dir, "a"), "--latent-channels", "0"]);
        var refusedGamma = await EngineCommandLine.RunAsync(["train-starter", "--out", Path.Combine(_dir, "b"), "--min-snr-gamma", "-1"]);
        Assert.NotEqual(0, refusedChannels);
        Assert.NotEqual(0, refusedGamma);
        Assert.False(Directory.Exists(Path.Combine(_dir, "a")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "b")));
    }
}
