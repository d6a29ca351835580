using DreamTuner.Studio.Images;
using SkiaSharp;

namespace DreamTuner.Studio.Services.Segmentation;

/// <summary>
/// Turns a model's saliency map into the stored mask form (an 8-bit grayscale PNG, white subject on black, of the
/// image's size): min-max normalised, resized bilinearly to the image, thresholded at <see cref="Threshold"/>.
/// </summary>
public static class SaliencyMask
{
    /// <summary>Normalised saliency at or above this counts as foreground.</summary>
    public const float Threshold = 0.5f;

    /// <summary>
    /// The mask PNG, or null when the map names no subject: constant, or under <see cref="AlphaMask.MinShare"/> of the
    /// pixels foreground (or background) — the same rule as for alpha masks.
    /// </summary>
    public static byte[]? FromSaliency(ReadOnlySpan<float> map, int mapWidth, int mapHeight, int width, int height)
    {
        if (map.Length != mapWidth * mapHeight)
            throw new ArgumentException($"the map has {map.Length} values, not {mapWidth}x{mapHeight}", nameof(map));
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in map)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        // A flat (or non-finite) map says nothing about where a subject is.
        if (!(max - min > 1e-6f) || !float.IsFinite(max - min))
            return null;

        var gray = new byte[width * height];
        var foreground = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var value = (Bilinear(map, mapWidth, mapHeight, x, y, width, height) - min) / (max - min);
                if (value >= Threshold)
                {
                    gray[(y * width) + x] = 255;
                    foreground++;
                }
            }
        }

        var minimum = (long)Math.Ceiling(gray.Length * AlphaMask.MinShare);
        if (foreground < minimum || gray.Length - foreground < minimum)
            return null;

        using var mask = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.CopyTo(mask.GetPixelSpan());
        using var png = mask.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The map sampled at the centre of output pixel (x, y), pixel centres aligned (align_corners = false).</summary>
    private static float Bilinear(ReadOnlySpan<float> map, int mapWidth, int mapHeight, int x, int y, int width, int height)
    {
        var sx = Math.Clamp(((x + 0.5f) * mapWidth / width) - 0.5f, 0, mapWidth - 1);
        var sy = Math.Clamp(((y + 0.5f) * mapHeight / height) - 0.5f, 0, mapHeight - 1);
        int x0 = (int)sx, y0 = (int)sy;
        int x1 = Math.Min(x0 + 1, mapWidth - 1), y1 = Math.Min(y0 + 1, mapHeight - 1);
        float fx = sx - x0, fy = sy - y0;
        var top = (map[(y0 * mapWidth) + x0] * (1 - fx)) + (map[(y0 * mapWidth) + x1] * fx);
        var bottom = (map[(y1 * mapWidth) + x0] * (1 - fx)) + (map[(y1 * mapWidth) + x1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
