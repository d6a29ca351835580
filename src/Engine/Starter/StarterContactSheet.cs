namespace DreamTuner.Engine.Starter;

/// <summary>
/// A grid of renderings for people to look at: each cell shows image | mask | pose side by side, cells
/// separated by a grey gutter, optionally enlarged by whole-pixel repetition so small sprites stay crisp.
/// </summary>
public static class StarterContactSheet
{
    private const int Gutter = 4;
    private static readonly Rgb GutterColour = new(64, 64, 64);

    /// <summary>Returns row-major RGB bytes and the sheet's size.</summary>
    public static (byte[] Rgb, int Width, int Height) Compose(IReadOnlyList<StarterRendering> renderings, int columns = 4, int zoom = 2)
    {
        ArgumentNullException.ThrowIfNull(renderings);
        if (renderings.Count == 0)
            throw new ArgumentException("Nothing to show", nameof(renderings));
        var size = renderings[0].Size;
        if (renderings.Any(r => r.Size != size))
            throw new ArgumentException("All renderings must have the same size", nameof(renderings));
        var rows = (renderings.Count + columns - 1) / columns;
        var tile = size * zoom;
        var cellWidth = 3 * tile + 2 * (Gutter / 2) + Gutter;
        var cellHeight = tile + Gutter;
        int width = columns * cellWidth + Gutter, height = rows * cellHeight + Gutter;
        var sheet = new byte[width * height * 3];
        for (var i = 0; i < sheet.Length; i += 3)
            (sheet[i], sheet[i + 1], sheet[i + 2]) = (GutterColour.R, GutterColour.G, GutterColour.B);

        for (var k = 0; k < renderings.Count; k++)
        {
            var r = renderings[k];
            int left = Gutter + k % columns * cellWidth, top = Gutter + k / columns * cellHeight;
            var maskRgb = r.Mask.SelectMany(m => new[] { m, m, m }).ToArray();
            Blit(sheet, width, r.Image, size, zoom, left, top);
            Blit(sheet, width, maskRgb, size, zoom, left + tile + Gutter / 2, top);
            Blit(sheet, width, r.Pose, size, zoom, left + 2 * (tile + Gutter / 2), top);
        }
        return (sheet, width, height);
    }

    private static void Blit(byte[] sheet, int sheetWidth, byte[] rgb, int size, int zoom, int left, int top)
    {
        for (var y = 0; y < size * zoom; y++)
            for (var x = 0; x < size * zoom; x++)
            {
                int src = ((y / zoom) * size + x / zoom) * 3, dst = ((top + y) * sheetWidth + left + x) * 3;
                sheet[dst] = rgb[src];
                sheet[dst + 1] = rgb[src + 1];
                sheet[dst + 2] = rgb[src + 2];
            }
    }
}
