using SkiaSharp;

namespace DreamTuner.Studio.Tests.Segmentation;

/// <summary>Images for the segmentation tests: a red square (the subject) on a blue background.</summary>
public static class SegmentationImages
{
    public const int Side = 64;

    public static SKRectI Square => new(16, 16, 48, 48);

    /// <summary>An opaque PNG (no alpha channel at all): red square on blue.</summary>
    public static byte[] RedSquareOnBlue() => Encode(SKAlphaType.Opaque, (x, y) => 255);

    /// <summary>The same picture, but its alpha keeps only the left half (so an alpha mask differs from the model's).</summary>
    public static byte[] RedSquareOnBlueLeftHalfOpaque() => Encode(SKAlphaType.Unpremul, (x, y) => (byte)(x < Side / 2 ? 255 : 0));

    private static byte[] Encode(SKAlphaType alphaType, Func<int, int, byte> alpha)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Side, Side, SKColorType.Rgba8888, alphaType));
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                var inside = Square.Contains(x, y);
                bitmap.SetPixel(x, y, new SKColor(inside ? (byte)255 : (byte)0, 0, inside ? (byte)0 : (byte)255, alpha(x, y)));
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Intersection over union of a mask PNG's foreground (>= 128) with a rectangle.</summary>
    public static double IoU(byte[] maskPng, SKRectI expected)
    {
        using var mask = SKBitmap.Decode(maskPng);
        int intersection = 0, union = 0;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                var foreground = mask.GetPixel(x, y).Red >= 128;
                var wanted = expected.Contains(x, y);
                intersection += foreground && wanted ? 1 : 0;
                union += foreground || wanted ? 1 : 0;
            }
        }

        return union == 0 ? 1 : (double)intersection / union;
    }
}
