using System.Globalization;
using DreamTuner.Studio.Options;
using SkiaSharp;

namespace DreamTuner.Studio.Images;

/// <summary>
/// Accepts PNG, JPEG and WebP decided from the bytes, and refuses files that are too large, too wide or tall,
/// or that declare more pixels than allowed (a decompression bomb) before any pixel is decoded.
/// </summary>
public sealed class ImageInspector(UploadOptions limits)
{
    public const string NotAnImage = "the file is not a PNG, JPEG or WebP image";

    private const double Megabyte = 1024 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public UploadOptions Limits => limits;

    /// <summary>Checks a declared or counted byte size against the file-size limit.</summary>
    public void CheckFileSize(long bytes)
    {
        if (bytes > limits.MaxBytes)
            throw new ImageRejectedException($"the file is {Mb(bytes)} MB; the limit is {Mb(limits.MaxBytes)} MB");
        if (bytes == 0)
            throw new ImageRejectedException("the file is empty");
    }

    /// <summary>Format, size and alpha of the image, or <see cref="ImageRejectedException"/> saying which limit it breaks.</summary>
    public InspectedImage Inspect(ReadOnlySpan<byte> data)
    {
        CheckFileSize(data.Length);
        var (format, contentType, skiaFormat) = DetectFormat(data) ?? throw new ImageRejectedException(NotAnImage);

        // The header is read without decoding pixels, so a bomb is refused before anything is allocated for it.
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData)
            ?? throw new ImageRejectedException($"the {format} header is truncated or damaged");
        if (codec.EncodedFormat != skiaFormat)
            throw new ImageRejectedException($"the {format} header is truncated or damaged");
        var info = codec.Info;
        CheckDimensions(info.Width, info.Height);

        // Only now, with the size known to be within the limits, are the pixels decoded: a file whose header is fine
        // but whose data ends early or is corrupt would otherwise be stored and fail later in the engine.
        using var bitmap = new SKBitmap(info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul));
        var decoded = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
            throw new ImageRejectedException($"the {format} data is truncated or damaged");
        return new InspectedImage(format, contentType, info.Width, info.Height, info.AlphaType != SKAlphaType.Opaque);
    }

    /// <summary>The pixel-count limit first (its message names a bomb for what it is), then the per-side limit.</summary>
    public void CheckDimensions(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ImageRejectedException("the image has no pixels");
        long pixels = (long)width * height;
        if (pixels > limits.MaxPixels)
            throw new ImageRejectedException(
                $"the image declares {width}x{height} px ({Mp(pixels)} megapixels); the limit is {Mp(limits.MaxPixels)} megapixels");
        if (width > limits.MaxSide || height > limits.MaxSide)
            throw new ImageRejectedException($"the image is {width}x{height} px; the limit is {limits.MaxSide} px per side");
    }

    private static (string Format, string ContentType, SKEncodedImageFormat Skia)? DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
            return ("PNG", "image/png", SKEncodedImageFormat.Png);
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            return ("JPEG", "image/jpeg", SKEncodedImageFormat.Jpeg);
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
            return ("WebP", "image/webp", SKEncodedImageFormat.Webp);
        return null;
    }

    private static string Mb(long bytes) => (bytes / Megabyte).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Mp(long pixels) => (pixels / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
