using DreamTuner.Engine.Training.Pretraining;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training.Pretraining;

public sealed class EncoderAugmentationTests
{
    private static (Tensor Image, Tensor Mask) Square()
    {
        var mask = zeros(1, 1, 32, 32);
        mask[.., .., 8..24, 4..20] = 1;
        var image = rand(1, 3, 32, 32, generator: new Generator(3)) * 0.5f + mask * 0.5f;
        return (image, mask);
    }

    private static readonly EncoderAugmentationOptions Always = new() { FlipProbability = 1, ElasticProbability = 1, BlurProbability = 1 };

    [Fact]
    public void The_same_seed_gives_the_same_distortion_and_another_seed_another()
    {
        var (image, mask) = Square();
        var augmentation = new EncoderAugmentation(new EncoderAugmentationOptions());
        var a = augmentation.Apply(image, mask, new Generator(42));
        var b = augmentation.Apply(image, mask, new Generator(42));
        var c = augmentation.Apply(image, mask, new Generator(43));
        Assert.True(a.Image01.equal(b.Image01).all().item<bool>() && a.Mask.equal(b.Mask).all().item<bool>());
        Assert.False(a.Image01.allclose(c.Image01, 1e-4, 1e-4));
    }

    [Fact]
    public void Geometric_distortions_move_the_mask_with_the_image_and_leave_the_inputs_untouched()
    {
        var (image, mask) = Square();
        var imageBefore = image.clone();
        var (warped, warpedMask) = new EncoderAugmentation(Always with { BlurProbability = 0 }).Apply(image, mask, new Generator(1));
        Assert.True(image.equal(imageBefore).all().item<bool>(), "the input image was modified in place");
        Assert.False(warpedMask.allclose(mask, 1e-3, 1e-3), "the mask did not move");
        // The flip moves the square from the left half (columns 4..19) towards the right.
        var columns = warpedMask.sum([0, 1, 2]);
        Assert.True(columns[16..].sum().item<float>() > columns[..16].sum().item<float>());
        Assert.InRange(warped.min().item<float>(), 0f, 1f);
        Assert.InRange(warped.max().item<float>(), 0f, 1f);
    }

    [Fact]
    public void Disabled_augmentation_returns_the_input_and_draws_as_many_numbers()
    {
        var (image, mask) = Square();
        var g1 = new Generator(5);
        var g2 = new Generator(5);
        var (same, sameMask) = new EncoderAugmentation(new EncoderAugmentationOptions { Enabled = false }).Apply(image, mask, g1);
        new EncoderAugmentation(Always).Apply(image, mask, g2);
        Assert.True(same.equal(image).all().item<bool>() && sameMask.equal(mask).all().item<bool>());
        Assert.True(rand(4, generator: g1).equal(rand(4, generator: g2)).all().item<bool>(), "the generator streams diverged");
    }

    [Fact]
    public void Blur_keeps_a_flat_image_flat_and_smooths_an_edge()
    {
        var flat = full(1, 3, 16, 16, 0.4f);
        Assert.True(GaussianBlur.Apply(flat, 1.5).allclose(flat, 1e-5, 1e-6));
        var edge = zeros(1, 1, 16, 16);
        edge[.., .., .., 8..] = 1;
        var blurred = GaussianBlur.Apply(edge, 1.0);
        Assert.InRange(blurred[0, 0, 5, 7].item<float>(), 0.05f, 0.95f);
    }
}
