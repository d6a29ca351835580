using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Vision;

public sealed class ClipImagePreprocessorTests
{
    private static readonly ClipImagePreprocessor Preprocessor = new(32);

    private static Tensor Normalised(double value, int channel) =>
        tensor((value - ClipImagePreprocessor.ClipMean[channel]) / ClipImagePreprocessor.ClipStd[channel]);

    [Fact]
    public void A_flat_image_of_any_size_becomes_a_square_of_clip_normalised_values()
    {
        using var scope = NewDisposeScope();
        var output = Preprocessor.Preprocess(full(1, 3, 48, 80, 0.5f));
        Assert.Equal([1L, 3, 32, 32], output.shape);
        for (var c = 0; c < 3; c++)
            Assert.True(output[0, c].allclose(Normalised(0.5, c).to(float32).expand(32, 32), rtol: 0, atol: 1e-5),
                $"channel {c}");
    }

    [Fact]
    public void An_image_whose_short_side_is_the_image_size_is_only_centre_cropped()
    {
        using var scope = NewDisposeScope();
        var image = rand(2, 3, 32, 50);
        var output = Preprocessor.Preprocess(image);
        // (50 - 32) / 2 = 9 columns cut on the left, 9 on the right.
        var mean = tensor(ClipImagePreprocessor.ClipMean.ToArray(), dtype: float32).view(1, 3, 1, 1);
        var std = tensor(ClipImagePreprocessor.ClipStd.ToArray(), dtype: float32).view(1, 3, 1, 1);
        var expected = (image[.., .., .., 9..41] - mean) / std;
        Assert.True(output.allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_portrait_image_is_resized_by_its_width_and_cropped_around_the_vertical_centre()
    {
        using var scope = NewDisposeScope();
        // Top half black, bottom half white: after the resize to 32x51 and the centre crop (rows 9..40) the crop's
        // top rows are black and its bottom rows white, with the edge in the middle.
        var image = cat([zeros(1, 3, 32, 40), ones(1, 3, 32, 40)], 2);
        var output = Preprocessor.Preprocess(image);
        Assert.Equal([1L, 3, 32, 32], output.shape);
        Assert.True(output[0, 0, 0].allclose(Normalised(0, 0).to(float32).expand(32), rtol: 0, atol: 1e-5));
        Assert.True(output[0, 0, 31].allclose(Normalised(1, 0).to(float32).expand(32), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Mean_and_std_are_clips()
    {
        Assert.Equal([0.48145466, 0.4578275, 0.40821073], ClipImagePreprocessor.ClipMean);
        Assert.Equal([0.26862954, 0.26130258, 0.27577711], ClipImagePreprocessor.ClipStd);
    }
}
