using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>Min-SNR-γ weighting of the diffusion loss (<c>train-starter --min-snr-gamma</c>).</summary>
public sealed class MinSnrDiffusionLossTests
{
    private static readonly SchedulerConfig Config = SchedulerConfig.Read(Path.Combine(TestPaths.TinySd15, "scheduler", "scheduler_config.json"));

    private static double Compute(double? gamma, Tensor latents, Func<Tensor, Tensor, Tensor> predict)
    {
        using var generator = new Generator(11);
        using var loss = new DiffusionLoss(Config) { MinSnrGamma = gamma }.Compute(predict, latents, generator);
        return loss.item<float>();
    }

    [Fact]
    public void A_gamma_above_every_timesteps_SNR_leaves_the_loss_unchanged()
    {
        using var latents = randn([4, 4, 8, 8], generator: new Generator(1));
        Tensor Predict(Tensor noisy, Tensor t) => noisy * 0.3;
        Assert.Equal(Compute(null, latents, Predict), Compute(1e9, latents, Predict), 5);
    }

    [Fact]
    public void Each_sample_is_weighted_by_min_SNR_gamma_over_SNR_of_its_timestep()
    {
        using var latents = randn([6, 4, 8, 8], generator: new Generator(2));
        // Replay the loss's draws (noise, then timesteps) to know each sample's t; a zero prediction makes the error noise².
        using var replay = new Generator(11);
        using var noise = randn(latents.shape, generator: replay);
        using var t = randint(0, 1000, [6], dtype: ScalarType.Int64, generator: replay);
        var abar = NoiseSchedule.AlphasCumprod(Config);
        // γ 0.5 sits inside the schedule's SNR range (about 0.005 to 580), so some samples are weighed down and some not.
        const double gamma = 0.5;
        var expected = 0.0;
        for (int i = 0; i < 6; i++)
        {
            var a = abar[t[i].item<long>()];
            var snr = a / (1.0 - a);
            expected += Math.Min(snr, gamma) / snr * noise[i].square().mean().item<float>() / 6;
        }
        Tensor Zero(Tensor noisy, Tensor step) => zeros_like(noisy);
        Assert.Equal(expected, Compute(gamma, latents, Zero), 4);
        Assert.True(Compute(gamma, latents, Zero) < Compute(null, latents, Zero), "weights are at most 1");
    }
}
