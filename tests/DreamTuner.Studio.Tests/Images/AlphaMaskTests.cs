using DreamTuner.Studio.Images;
using DreamTuner.Studio.Tests.Support;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Images;

public sealed class AlphaMaskTests
{
    [Fact]
    public void Cut_out_subject_gives_a_mask_that_is_white_exactly_where_alpha_is_at_least_half()
    {
        var source = TestImages.Read("horse-cutout.png");
        var maskPng = AlphaMask.FromAlpha(source);
        Assert.NotNull(maskPng);

        using var image = SKBitmap.Decode(source);
        using var mask = SKBitmap.Decode(maskPng);
        Assert.Equal((image.Width, image.Height), (mask.Width, mask.Height));
        for (var y = 0; y < image.Height; y += 7)
        {
            for (var x = 0; x < image.Width; x += 7)
            {
                var foreground = image.GetPixel(x, y).Alpha >= AlphaMask.Threshold;
                Assert.Equal(foreground ? (byte)255 : (byte)0, mask.GetPixel(x, y).Red);
            }
        }
    }

    [Theory]
    [InlineData("horse.png")] // has an alpha channel, but every pixel is opaque
    [InlineData("chelsea.png")] // no alpha channel at all
    public void Alpha_that_says_nothing_gives_no_mask(string file)
        => Assert.Null(AlphaMask.FromAlpha(TestImages.Read(file)));
}
