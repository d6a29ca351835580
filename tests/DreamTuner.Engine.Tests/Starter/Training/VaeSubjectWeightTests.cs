using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary><c>--vae-subject-weight</c>: the VAE's reconstruction loss weighs sprite pixels by the sprites' exact masks.</summary>
public sealed class VaeSubjectWeightTests
{
    private static StarterTrainingContext Context(double weight) =>
        new(StarterArchitecture.Tiny, "", null, 0, new StarterBatches(new StarterWorld(0), StarterArchitecture.Tiny.ImageSize), null!, null!)
        {
            VaeSubjectWeight = weight,
        };

    [Fact]
    public void Sprite_pixels_get_the_weight_and_background_pixels_one()
    {
        long[] indices = [0, 1];
        var context = Context(8);
        using var weights = context.SubjectPixelWeights(indices)!;
        using var masks = context.Batches.Masks(indices);

        Assert.Equal(masks.shape, weights.shape);
        Assert.True(weights.masked_select(masks.gt(0.5)).eq(8).all().item<bool>());
        Assert.True(weights.masked_select(masks.lt(0.5)).eq(1).all().item<bool>());
        Assert.True(masks.gt(0.5).any().item<bool>(), "the sprites cover no pixel");
    }

    [Fact]
    public void Weight_one_means_the_plain_mean_and_renders_no_masks() =>
        Assert.Null(Context(1).SubjectPixelWeights([0]));

    [Fact]
    public void Uniform_pixel_weights_give_the_unweighted_loss_and_sprite_weights_move_it_toward_the_sprites_error()
    {
        var architecture = StarterArchitecture.Tiny;
        manual_seed(3);
        using var vae = new AutoencoderKL(architecture.Vae);
        var batches = new StarterBatches(new StarterWorld(0), architecture.ImageSize);
        long[] indices = [0, 1];
        using var images = batches.Render(indices).Images;
        using var masks = batches.Masks(indices);

        float LossWith(Tensor? weights) => VaeStageBuilder.Loss(vae, images, new Generator(7), weights).item<float>();
        var plain = LossWith(null);
        Assert.Equal(plain, LossWith(ones_like(masks) * 3), 4);
        var spriteOnly = LossWith(masks);
        var backgroundOnly = LossWith(1 - masks);
        var weighted = LossWith(masks * 7 + 1);
        Assert.NotEqual(spriteOnly, backgroundOnly, 3);
        Assert.InRange(weighted, Math.Min(spriteOnly, plain), Math.Max(spriteOnly, plain));
    }
}
