using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>The diffusion loss with per-position weights (the starter stages weigh sprite positions up).</summary>
public sealed class WeightedDiffusionLossTests
{
    private static readonly DiffusionLoss Loss = new(SchedulerConfig.Read(Path.Combine(TestPaths.TinySd15, "scheduler", "scheduler_config.json")));

    private static double Compute(Func<Tensor, Tensor, Tensor> predict, Tensor latents, Tensor? weights)
    {
        using var generator = new Generator(7);
        using var loss = Loss.Compute(predict, latents, generator, weights);
        return loss.item<float>();
    }

    [Fact]
    public void Uniform_weights_give_the_plain_mean_squared_error()
    {
        using var latents = randn([2, 4, 8, 8], generator: new Generator(1));
        Tensor Predict(Tensor noisy, Tensor t) => noisy * 0.5;
        using var ones = full([2, 1, 8, 8], 3.0f);
        Assert.Equal(Compute(Predict, latents, null), Compute(Predict, latents, ones), 5);
    }

    [Fact]
    public void Weights_count_the_error_where_they_are_large()
    {
        using var latents = randn([1, 4, 8, 8], generator: new Generator(2));
        // A predictor that is exact on the left half (epsilon is recovered from the noisy input by replaying the
        // draws) and zero on the right: the weighted loss follows where the weight sits.
        Tensor Noise()
        {
            using var g = new Generator(7);
            return randn(latents.shape, generator: g);
        }
        using var noise = Noise();
        using var left = arange(8).lt(4).to(ScalarType.Float32).view(1, 1, 1, 8).expand(1, 1, 8, 8);
        Tensor Predict(Tensor noisy, Tensor t) => noise * left;
        using var onLeft = left * 99 + 1;
        using var onRight = (1 - left) * 99 + 1;
        var plain = Compute(Predict, latents, null);
        Assert.True(Compute(Predict, latents, onLeft) < plain / 5, $"{Compute(Predict, latents, onLeft)} vs {plain}");
        Assert.True(Compute(Predict, latents, onRight) > plain * 1.5, $"{Compute(Predict, latents, onRight)} vs {plain}");
    }
}
