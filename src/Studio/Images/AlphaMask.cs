using SkiaSharp;

namespace DreamTuner.Studio.Images;

/// <summary>Derives a foreground mask from an image's alpha channel: white where the subject is, black elsewhere.</summary>
public static class AlphaMask
{
    /// <summary>Alpha at or above this counts as foreground.</summary>
    public const byte Threshold = 128;

    /// <summary>
    /// Below this share of background (or foreground) pixels the alpha says nothing about a subject: an
    /// "opaque" export with a few stray semi-transparent pixels must not become a mask of specks.
    /// </summary>
    public const double MinShare = 0.01;

    /// <summary>
    /// An 8-bit grayscale PNG of the mask, or null when the alpha says nothing (under <see cref="MinShare"/> of
    /// the pixels are background, or under it are foreground).
    /// Call only on an image that passed <see cref="ImageInspector"/>, since this decodes the pixels.
    /// </summary>
    public static byte[]? FromAlpha(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException(ImageInspector.NotAnImage);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new ImageRejectedException($"the image could not be decoded ({result})");

        var rgba = bitmap.GetPixelSpan();
        var gray = new byte[info.Width * info.Height];
        int foreground = 0;
        for (int i = 0; i < gray.Length; i++)
        {
            if (rgba[(i * 4) + 3] >= Threshold)
            {
                gray[i] = 255;
                foreground++;
            }
        }

        var minimum = (long)Math.Ceiling(gray.Length * MinShare);
        if (foreground < minimum || gray.Length - foreground < minimum)
            return null;

        using var mask = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.CopyTo(mask.GetPixelSpan());
        using var png = mask.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
