using SkiaSharp;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>samples.png: one labelled row per method (the reference and the ground-truth targets first), one column per image, pixels enlarged without smoothing.</summary>
public static class SampleGrid
{
    private const int Zoom = 2, Gap = 4, LabelWidth = 230;

    public static byte[] Render(IReadOnlyList<(string Label, IReadOnlyList<SpriteBenchImage> Images)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.All(r => r.Images.Count == 0)) throw new ArgumentException("the grid has no images.");
        int tile = rows.SelectMany(r => r.Images).Max(i => i.Size) * Zoom;
        int columns = rows.Max(r => r.Images.Count);
        int width = LabelWidth + columns * (tile + Gap) + Gap, height = rows.Count * (tile + Gap) + Gap;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = BenchFonts.Typeface();
        using var font = new SKFont(typeface, 13);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int r = 0; r < rows.Count; r++)
        {
            float top = Gap + r * (tile + Gap);
            canvas.DrawText(rows[r].Label, 6, top + tile / 2f + 4, SKTextAlign.Left, font, text);
            for (int c = 0; c < rows[r].Images.Count; c++)
            {
                using var bitmap = ToBitmap(rows[r].Images[c]);
                var dest = SKRect.Create(LabelWidth + Gap + c * (tile + Gap), top, tile, tile);
                using var image = SKImage.FromBitmap(bitmap);
                canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Nearest));
            }
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKBitmap ToBitmap(SpriteBenchImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Size, image.Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < image.Size; y++)
            for (int x = 0; x < image.Size; x++)
            {
                int i = (y * image.Size + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(image.Rgb[i], image.Rgb[i + 1], image.Rgb[i + 2]));
            }
        return bitmap;
    }
}
