using DreamTuner.Engine.Tests.Support;
using SkiaSharp;

namespace DreamTuner.Engine.Tests.Imaging;

/// <summary>Reads the sample photos and makes small encoded images with SkiaSharp.</summary>
internal static class TestImages
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Images, name));

    /// <summary>A gradient image, with a transparent left half when <paramref name="transparentLeft"/>.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality = 90, bool transparentLeft = false)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 128,
                    transparentLeft && x < width / 2 ? (byte)0 : (byte)255));
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A WebP with an explicit compression mode (quality alone does not choose lossless).</summary>
    public static byte[] EncodeWebp(int width, int height, bool lossless, bool transparentLeft = false)
    {
        var png = Encode(width, height, SKEncodedImageFormat.Png, transparentLeft: transparentLeft);
        using var bitmap = SKBitmap.Decode(png);
        using var pixmap = bitmap.PeekPixels();
        var options = new SKWebpEncoderOptions(lossless ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, 90);
        using var data = pixmap.Encode(options)!;
        return data.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment holding only an orientation tag right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD at offset 8
            0, 1,                                     // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,             // tag 0x0112 Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,                               // no next IFD
        ];
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        int length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }
}
