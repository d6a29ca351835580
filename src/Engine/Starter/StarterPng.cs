using System.Runtime.InteropServices;
using SkiaSharp;

namespace DreamTuner.Engine.Starter;

/// <summary>
/// Lossless PNG encoding of the world's byte buffers with SkiaSharp (only encoding: the pixels themselves are
/// rasterised by our own code). Decoded pixels equal the buffers exactly; the file bytes are also stable for a
/// given SkiaSharp build.
/// </summary>
public static class StarterPng
{
    /// <summary>Encodes row-major RGB bytes.</summary>
    public static byte[] EncodeRgb(byte[] rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"Expected {width * height * 3} RGB bytes for {width}x{height}, got {rgb.Length}", nameof(rgb));
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        return Encode(rgba, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), 4);
    }

    /// <summary>Encodes one byte per pixel as a grayscale PNG (masks).</summary>
    public static byte[] EncodeGray(byte[] gray, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gray);
        if (gray.Length != width * height)
            throw new ArgumentException($"Expected {width * height} bytes for {width}x{height}, got {gray.Length}", nameof(gray));
        return Encode(gray, new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), 1);
    }

    /// <summary>Decodes a PNG to row-major RGB bytes (for tests and tools).</summary>
    public static (byte[] Rgb, int Width, int Height) DecodeRgb(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new ArgumentException("Not a decodable image", nameof(png));
        using var rgba = bitmap.Copy(SKColorType.Rgba8888) ?? throw new InvalidOperationException("SkiaSharp could not convert the image to RGBA");
        var bytes = new byte[rgba.Width * rgba.Height * 4];
        Marshal.Copy(rgba.GetPixels(), bytes, 0, bytes.Length);
        var rgb = new byte[rgba.Width * rgba.Height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = bytes[j];
            rgb[i + 1] = bytes[j + 1];
            rgb[i + 2] = bytes[j + 2];
        }
        return (rgb, rgba.Width, rgba.Height);
    }

    private static byte[] Encode(byte[] pixels, SKImageInfo info, int bytesPerPixel)
    {
        using var bitmap = new SKBitmap(info);
        if (bitmap.RowBytes != info.Width * bytesPerPixel)
            throw new InvalidOperationException($"Unexpected SkiaSharp row stride {bitmap.RowBytes} for width {info.Width}.");
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }
}
