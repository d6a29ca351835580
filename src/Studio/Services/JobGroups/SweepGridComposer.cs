using SkiaSharp;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// Draws a sweep's images as one labelled grid PNG with SkiaSharp: column labels ("β = 0.2") above the columns, row
/// labels ("w_ref = 3") left of the rows, and the two axis names in the corner. Small images (tiny test models make
/// 32 px ones) are enlarged with nearest-neighbour so labels and pixels stay readable; large ones are shrunk.
/// </summary>
public sealed class SweepGridComposer(SKTypeface typeface)
{
    private const int MinCellSide = 160;
    private const int MaxCellSide = 384;
    private const int Gap = 4;
    private const int Pad = 8;
    private const float FontSize = 16;

    /// <param name="cells">Row by row: <c>rowLabels.Count * columnLabels.Count</c> cells.</param>
    public SweepGridImage Compose(
        string columnAxis, IReadOnlyList<string> columnLabels, string rowAxis, IReadOnlyList<string> rowLabels, IReadOnlyList<SweepGridCell> cells)
    {
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != columnLabels.Count * rowLabels.Count)
            throw new ArgumentException($"A {columnLabels.Count} x {rowLabels.Count} grid needs {columnLabels.Count * rowLabels.Count} cells, not {cells.Count}.", nameof(cells));

        var bitmaps = cells.Select(c => c.Image is null ? null : SKBitmap.Decode(c.Image)).ToList();
        try
        {
            var (cellWidth, cellHeight) = CellSize(bitmaps.FirstOrDefault(b => b is not null));
            using var font = new SKFont(typeface, FontSize);
            var lineHeight = (int)Math.Ceiling(font.Spacing);
            var corner = $"{rowAxis} ↓   {columnAxis} →";
            int left = (int)Math.Ceiling(rowLabels.Select(l => font.MeasureText(l)).Append(font.MeasureText(corner)).Max()) + 2 * Pad;
            int top = lineHeight + 2 * Pad;
            int width = left + columnLabels.Count * (cellWidth + Gap) + Pad;
            int height = top + rowLabels.Count * (cellHeight + Gap) + Pad;

            using var surface = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(surface);
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var empty = new SKPaint { Color = new SKColor(0xDD, 0xDD, 0xDD) };
            var labels = new List<SweepGridLabel>();

            void Text(string text, float x, float baseline, SKTextAlign align)
            {
                canvas.DrawText(text, x, baseline, align, font, ink);
                var w = font.MeasureText(text);
                var x0 = align switch { SKTextAlign.Center => x - w / 2, SKTextAlign.Right => x - w, _ => x };
                labels.Add(new SweepGridLabel(text, SKRectI.Ceiling(new SKRect(x0, baseline + font.Metrics.Ascent, x0 + w, baseline + font.Metrics.Descent))));
            }

            float firstBaseline = Pad - font.Metrics.Ascent;
            Text(corner, Pad, firstBaseline, SKTextAlign.Left);
            for (int c = 0; c < columnLabels.Count; c++)
                Text(columnLabels[c], left + c * (cellWidth + Gap) + cellWidth / 2f, firstBaseline, SKTextAlign.Center);

            var rects = new List<SKRectI>();
            for (int r = 0; r < rowLabels.Count; r++)
            {
                int y = top + r * (cellHeight + Gap);
                Text(rowLabels[r], left - Pad, y + cellHeight / 2f - (font.Metrics.Ascent + font.Metrics.Descent) / 2, SKTextAlign.Right);
                for (int c = 0; c < columnLabels.Count; c++)
                {
                    var rect = SKRectI.Create(left + c * (cellWidth + Gap), y, cellWidth, cellHeight);
                    rects.Add(rect);
                    var cell = cells[r * columnLabels.Count + c];
                    if (bitmaps[r * columnLabels.Count + c] is { } bitmap)
                    {
                        using var image = SKImage.FromBitmap(bitmap);
                        canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Nearest), null);
                    }
                    else
                    {
                        canvas.DrawRect(rect, empty);
                        Text(cell.Note ?? "no image", rect.MidX, rect.MidY - (font.Metrics.Ascent + font.Metrics.Descent) / 2, SKTextAlign.Center);
                    }
                }
            }

            canvas.Flush();
            using var data = surface.Encode(SKEncodedImageFormat.Png, 100);
            return new SweepGridImage(data.ToArray(), width, height, labels, rects);
        }
        finally
        {
            foreach (var b in bitmaps) b?.Dispose();
        }
    }

    /// <summary>The first image's size, scaled by a whole factor up to at least <see cref="MinCellSide"/>, or down to <see cref="MaxCellSide"/>.</summary>
    private static (int Width, int Height) CellSize(SKBitmap? first)
    {
        if (first is null)
            return (MinCellSide, MinCellSide);
        int shorter = Math.Min(first.Width, first.Height), longer = Math.Max(first.Width, first.Height);
        if (longer > MaxCellSide)
        {
            double shrink = (double)MaxCellSide / longer;
            return (Math.Max(1, (int)(first.Width * shrink)), Math.Max(1, (int)(first.Height * shrink)));
        }
        int grow = Math.Max(1, (MinCellSide + shorter - 1) / shorter);
        while (grow > 1 && longer * grow > MaxCellSide) grow--;
        return (first.Width * grow, first.Height * grow);
    }
}
