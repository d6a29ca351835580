using DreamTuner.Engine.Imaging;
using SkiaSharp;

namespace DreamTuner.Engine.Tests.Imaging;

public class ImageLimitsTests
{
    [Fact]
    public void Image_wider_than_4096_px_is_rejected_before_decoding()
    {
        var wide = TestImages.Encode(5000, 300, SKEncodedImageFormat.Png);

        var e = Assert.Throws<ImageRejectedException>(() => ImageTensors.Load(wide));

        Assert.Equal("image is 5000x300 px; the limit is 4096 px per side", e.Message);
    }

    [Fact]
    public void File_over_20_MB_is_rejected()
    {
        var big = new byte[25 * 1024 * 1024];
        TestImages.Read("coffee.png").CopyTo(big, 0);

        var e = Assert.Throws<ImageRejectedException>(() => ImageLimits.Default.Check(big));

        Assert.Equal("file is 25 MB; the limit is 20 MB", e.Message);
    }

    [Fact]
    public void Decompression_bomb_is_rejected_by_its_pixel_count()
    {
        var limits = ImageLimits.Default with { MaxSide = 100_000, MaxPixels = 4_000_000 };
        var bomb = ImageFormatSnifferTests.PngHeaderOnly(30_000, 30_000);

        var e = Assert.Throws<ImageRejectedException>(() => ImageTensors.Load(bomb, limits: limits));

        Assert.Equal("image is 30000x30000 px (900.0 megapixels); the limit is 4.0 megapixels", e.Message);
    }

    [Fact]
    public void Header_that_lies_about_the_size_is_rejected_when_decoding()
    {
        // Claims 8x4 but the data is 8x8: the decoder must not be trusted beyond what was checked.
        var png = TestImages.Encode(8, 8, SKEncodedImageFormat.Png);
        var lying = ImageFormatSnifferTests.PngHeaderOnly(8, 4);

        Assert.ThrowsAny<ImageRejectedException>(() => ImageTensors.Load(lying, multipleOf: 1));
        Assert.NotNull(ImageTensors.Load(png, multipleOf: 1));
    }

    [Fact]
    public void Image_within_the_limits_passes_and_returns_its_header()
    {
        var header = ImageLimits.Default.Check(TestImages.Read("rocket.jpg"));

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 640, 427), header);
    }
}
