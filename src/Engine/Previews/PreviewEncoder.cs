using SkiaSharp;

namespace DreamTuner.Engine.Previews;

/// <summary>Latent-resolution RGB upscaled (bilinear) so its longer side is at most <see cref="MaxSide"/>, as JPEG.</summary>
public sealed class PreviewEncoder(int maxSide = 256, int quality = 75)
{
    public int MaxSide { get; } = maxSide > 0 ? maxSide : throw new ArgumentOutOfRangeException(nameof(maxSide));

    public int Quality { get; } = quality is > 0 and <= 100 ? quality : throw new ArgumentOutOfRangeException(nameof(quality));

    /// <param name="imageWidth">Width of the final image; the preview never exceeds it.</param>
    public byte[] Encode(ReadOnlySpan<float> latents, int height, int width, int imageWidth, int imageHeight)
    {
        var rgba = LatentPreview.ToRgba(latents, height, width);
        var (targetWidth, targetHeight) = TargetSize(imageWidth, imageHeight);
        using var source = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, source.GetPixels(), rgba.Length);
        using var scaled = source.Resize(new SKImageInfo(targetWidth, targetHeight, SKColorType.Rgba8888, SKAlphaType.Opaque),
            new SKSamplingOptions(SKFilterMode.Linear)) ?? throw new InvalidOperationException("preview resize failed");
        using var data = scaled.Encode(SKEncodedImageFormat.Jpeg, Quality) ?? throw new InvalidOperationException("preview JPEG encoding failed");
        return data.ToArray();
    }

    /// <summary>An encoded image (PNG) scaled so its longer side is at most <see cref="MaxSide"/>, as JPEG.</summary>
    public byte[] EncodeImage(byte[] encoded)
    {
        using var source = SKBitmap.Decode(encoded) ?? throw new ArgumentException("not a decodable image", nameof(encoded));
        var (targetWidth, targetHeight) = TargetSize(source.Width, source.Height);
        using var scaled = source.Resize(new SKImageInfo(targetWidth, targetHeight, SKColorType.Rgba8888, SKAlphaType.Opaque),
            new SKSamplingOptions(SKFilterMode.Linear)) ?? throw new InvalidOperationException("image resize failed");
        using var data = scaled.Encode(SKEncodedImageFormat.Jpeg, Quality) ?? throw new InvalidOperationException("JPEG encoding failed");
        return data.ToArray();
    }

    private (int Width, int Height) TargetSize(int imageWidth, int imageHeight)
    {
        double scale = Math.Min(1.0, (double)MaxSide / Math.Max(imageWidth, imageHeight));
        return (Math.Max(1, (int)Math.Round(imageWidth * scale)), Math.Max(1, (int)Math.Round(imageHeight * scale)));
    }
}
