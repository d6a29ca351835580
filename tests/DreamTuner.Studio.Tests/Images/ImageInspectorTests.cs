using DreamTuner.Studio.Images;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Images;

/// <summary>The type comes from the bytes; each limit is refused with a message that names it.</summary>
public sealed class ImageInspectorTests
{
    private readonly ImageInspector _inspector = new(new UploadOptions());

    [Theory]
    [InlineData("chelsea.png", "PNG", "image/png", 451, 300, false)]
    [InlineData("rocket.jpg", "JPEG", "image/jpeg", 640, 427, false)]
    [InlineData("horse-cutout.png", "PNG", "image/png", 400, 328, true)]
    public void Accepted_images_report_format_size_and_alpha_from_their_bytes(string file, string format, string type, int width, int height, bool alpha)
    {
        var image = _inspector.Inspect(TestImages.Read(file));
        Assert.Equal(new InspectedImage(format, type, width, height, alpha), image);
    }

    [Fact]
    public void WebP_is_accepted()
    {
        using var bitmap = new SkiaSharp.SKBitmap(32, 16);
        using var webp = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Webp, 90);
        Assert.Equal("image/webp", _inspector.Inspect(webp.ToArray()).ContentType);
    }

    [Fact]
    public void Text_is_refused_as_not_an_image_whatever_it_is_called()
    {
        var e = Assert.Throws<ImageRejectedException>(() => _inspector.Inspect("just some notes, saved as notes.png"u8));
        Assert.Equal(ImageInspector.NotAnImage, e.Message);
    }

    [Fact]
    public void Wider_than_the_side_limit_is_refused_naming_the_side_limit()
    {
        var e = Assert.Throws<ImageRejectedException>(() => _inspector.Inspect(TestImages.Png(5000, 8)));
        Assert.Equal("the image is 5000x8 px; the limit is 4096 px per side", e.Message);
    }

    [Fact]
    public void A_small_png_claiming_30000_by_30000_is_refused_as_too_many_pixels_before_decoding()
    {
        var bomb = TestImages.PngBomb();
        Assert.True(bomb.Length < 1000);
        var e = Assert.Throws<ImageRejectedException>(() => _inspector.Inspect(bomb));
        Assert.Equal("the image declares 30000x30000 px (900.0 megapixels); the limit is 16.8 megapixels", e.Message);
    }

    [Fact]
    public void Files_over_20_MB_are_refused_naming_the_size_limit()
    {
        var e = Assert.Throws<ImageRejectedException>(() => _inspector.CheckFileSize((20 * 1024 * 1024) + 1));
        Assert.Equal("the file is 20 MB; the limit is 20 MB", e.Message);
        var big = Assert.Throws<ImageRejectedException>(() => _inspector.CheckFileSize(31 * 1024 * 1024));
        Assert.Equal("the file is 31 MB; the limit is 20 MB", big.Message);
    }

    [Fact]
    public void Png_signature_with_a_damaged_header_is_refused_as_damaged()
    {
        var damaged = TestImages.Read("chelsea.png")[..20];
        var e = Assert.Throws<ImageRejectedException>(() => _inspector.Inspect(damaged));
        Assert.Equal("the PNG header is truncated or damaged", e.Message);
    }
}
