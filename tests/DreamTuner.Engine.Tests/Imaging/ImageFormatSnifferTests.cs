using System.Buffers.Binary;
using DreamTuner.Engine.Imaging;
using SkiaSharp;

namespace DreamTuner.Engine.Tests.Imaging;

public class ImageFormatSnifferTests
{
    [Theory]
    [InlineData("astronaut.png", ImageFormat.Png, 512, 512)]
    [InlineData("chelsea.png", ImageFormat.Png, 451, 300)]
    [InlineData("horse-cutout.png", ImageFormat.Png, 400, 328)]
    [InlineData("rocket.jpg", ImageFormat.Jpeg, 640, 427)]
    public void Header_of_real_photos_gives_format_and_size(string file, ImageFormat format, int width, int height) =>
        Assert.Equal(new ImageHeader(format, width, height), ImageFormatSniffer.ReadHeader(TestImages.Read(file)));

    [Theory]
    [InlineData(false, false)] // VP8
    [InlineData(true, false)]  // VP8L
    [InlineData(false, true)]  // VP8X (lossy with alpha)
    public void Header_of_webp_variants_gives_the_size(bool lossless, bool alpha)
    {
        var webp = TestImages.EncodeWebp(37, 21, lossless, alpha);

        Assert.Equal(new ImageHeader(ImageFormat.Webp, 37, 21), ImageFormatSniffer.ReadHeader(webp));
    }

    [Fact]
    public void Format_comes_from_the_bytes_not_from_the_name()
    {
        var jpegBytes = TestImages.Encode(16, 8, SKEncodedImageFormat.Jpeg);

        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.DetectFormat(jpegBytes));
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.DetectFormat(TestImages.Read("coffee.png")));
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("BM\x36\x00\x00\x00")]
    [InlineData("")]
    public void Other_files_are_rejected_as_not_an_accepted_image(string content)
    {
        var e = Assert.Throws<ImageRejectedException>(() => ImageFormatSniffer.ReadHeader(System.Text.Encoding.Latin1.GetBytes(content)));

        Assert.Equal("not a PNG, JPEG or WebP image", e.Message);
    }

    [Fact]
    public void Truncated_headers_are_rejected_as_damaged()
    {
        var png = TestImages.Read("coffee.png")[..20];
        var jpeg = TestImages.Read("rocket.jpg")[..30];

        Assert.Equal("the PNG header is truncated or damaged", Assert.Throws<ImageRejectedException>(() => ImageFormatSniffer.ReadHeader(png)).Message);
        Assert.Equal("the JPEG header is truncated or damaged", Assert.Throws<ImageRejectedException>(() => ImageFormatSniffer.ReadHeader(jpeg)).Message);
    }

    [Fact]
    public void Declared_size_is_read_without_decoding_the_pixel_data()
    {
        // A decompression bomb only needs its header to claim a huge size; there are no pixels to decode here.
        var bomb = PngHeaderOnly(50_000, 50_000);

        Assert.Equal(new ImageHeader(ImageFormat.Png, 50_000, 50_000), ImageFormatSniffer.ReadHeader(bomb));
    }

    internal static byte[] PngHeaderOnly(int width, int height)
    {
        var png = TestImages.Encode(8, 8, SKEncodedImageFormat.Png);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);
        return png;
    }
}
