using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary><c>--subject-loss-weight</c>: the diffusion stages' per-position weights come from the sprites' exact masks.</summary>
public sealed class SubjectLossWeightTests
{
    private static StarterTrainingContext Context(double weight) =>
        new(StarterArchitecture.Full, "", null, 0, new StarterBatches(new StarterWorld(0), StarterArchitecture.Full.ImageSize), null!, null!)
        {
            SubjectLossWeight = weight,
        };

    [Fact]
    public void Sprite_cells_get_the_weight_and_background_cells_one()
    {
        long[] indices = [0, 1, 2];
        var context = Context(5);
        var latent = StarterArchitecture.Full.LatentSize;
        using var weights = context.SubjectWeights(indices, latent)!;
        using var masks = context.Batches.Masks(indices);

        Assert.Equal(new long[] { 3, 1, latent, latent }, weights.shape);
        var cell = StarterArchitecture.Full.ImageSize / latent;
        using var covered = nn.functional.max_pool2d(masks, cell, cell).gt(0);
        Assert.True(weights.masked_select(covered).eq(5).all().item<bool>());
        Assert.True(weights.masked_select(covered.logical_not()).eq(1).all().item<bool>());
        var share = covered.to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.02, 0.6);
    }

    [Fact]
    public void Weight_one_means_the_plain_mean_and_renders_no_masks() =>
        Assert.Null(Context(1).SubjectWeights([0], StarterArchitecture.Full.LatentSize));

    [Fact]
    public void The_pool_weights_rendered_once_equal_the_weights_rendered_per_batch()
    {
        var context = Context(5);
        var latent = StarterArchitecture.Full.LatentSize;
        using var pool = StarterPoolWeights.Build(context, 70, latent)!;
        long[] indices = [69, 3, 64, 3];
        using var cached = pool.Of(indices);
        using var rendered = context.SubjectWeights(indices, latent)!;

        Assert.Equal(70, pool.Count);
        Assert.True(cached.eq(rendered).all().item<bool>());
    }

    [Fact]
    public void Weight_one_needs_no_pool_weights() =>
        Assert.Null(StarterPoolWeights.Build(Context(1), 70, StarterArchitecture.Full.LatentSize));
}
