using SkiaSharp;

namespace DreamTuner.Studio.Images;

/// <summary>
/// The square crop around the subject of a mask: the foreground's bounding box plus a margin, made square around its
/// centre and moved (not shrunk) to stay inside the image; never larger than the image's shorter side. Only computed
/// and shown — the stored original is never cropped.
/// </summary>
public static class SubjectSquare
{
    /// <summary>Margin around the subject's bounding box, as a share of its longer side.</summary>
    public const double Margin = 0.1;

    /// <summary>The square (left, top, side) in image pixels, or null when the mask has no foreground.</summary>
    public static SKRectI? FromMask(ReadOnlySpan<byte> maskPng)
    {
        using var data = SKData.CreateCopy(maskPng);
        using var bitmap = SKBitmap.Decode(data);
        if (bitmap is null)
            return null;
        using var gray = bitmap.ColorType == SKColorType.Gray8 ? null : new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        if (gray is not null && !bitmap.CopyTo(gray, SKColorType.Gray8))
            return null;
        var source = gray ?? bitmap;
        var pixels = source.GetPixelSpan();
        int width = source.Width, height = source.Height, stride = source.RowBytes;
        int left = width, top = height, right = -1, bottom = -1;
        for (int y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * stride, width);
            for (int x = 0; x < width; x++)
            {
                if (row[x] < AlphaMask.Threshold)
                    continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
            }
        }

        if (right < 0)
            return null;
        var longer = Math.Max(right - left + 1, bottom - top + 1);
        // The epsilon keeps 100 * 0.1 from rounding up to 11 through floating-point noise.
        var side = Math.Min(Math.Min(width, height), longer + (2 * (int)Math.Ceiling((longer * Margin) - 1e-9)));
        var centreX = (left + right + 1) / 2.0;
        var centreY = (top + bottom + 1) / 2.0;
        var x0 = Math.Clamp((int)Math.Round(centreX - (side / 2.0)), 0, width - side);
        var y0 = Math.Clamp((int)Math.Round(centreY - (side / 2.0)), 0, height - side);
        return new SKRectI(x0, y0, x0 + side, y0 + side);
    }
}
