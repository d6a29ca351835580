namespace DreamTuner.Engine.Starter;

/// <summary>
/// Our own rasteriser (no SkiaSharp drawing, so no CPU-specific blending paths): each pixel is sampled on a
/// fixed 4x4 grid of sub-pixel points; a sample takes the colour of the front-most part containing it, or the
/// background pixel's colour, and the pixel is the integer-rounded mean. The arithmetic is exactly rounded
/// IEEE double and integer maths, so the bytes are the same on every machine. A pixel belongs to the mask when
/// any of its samples hits a part, so pixels outside the mask are the background bytes unchanged.
/// </summary>
public static class SpriteRasteriser
{
    public const int SamplesPerAxis = 4;
    public const int SamplesPerPixel = SamplesPerAxis * SamplesPerAxis;

    /// <summary>
    /// Draws <paramref name="parts"/> (back to front, sprite-local units) over <paramref name="background"/>
    /// (row-major RGB, modified in place) and returns per-pixel coverage: how many of the 16 samples hit a part.
    /// </summary>
    public static byte[] Draw(byte[] background, int size, IReadOnlyList<SpritePart> parts, double centerX, double centerY, double unit)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(parts);
        var coverage = new byte[size * size];
        if (parts.Count == 0)
            return coverage;
        double minX = parts.Min(p => p.MinX), minY = parts.Min(p => p.MinY), maxX = parts.Max(p => p.MaxX), maxY = parts.Max(p => p.MaxY);
        int x0 = Math.Max(0, (int)Math.Floor(centerX + minX * unit)), x1 = Math.Min(size - 1, (int)Math.Ceiling(centerX + maxX * unit));
        int y0 = Math.Max(0, (int)Math.Floor(centerY + minY * unit)), y1 = Math.Min(size - 1, (int)Math.Ceiling(centerY + maxY * unit));

        for (var py = y0; py <= y1; py++)
        {
            for (var px = x0; px <= x1; px++)
            {
                var i = (py * size + px) * 3;
                int r = 0, g = 0, b = 0, hits = 0;
                for (var sy = 0; sy < SamplesPerAxis; sy++)
                {
                    var ly = (py + (sy + 0.5) / SamplesPerAxis - centerY) / unit;
                    for (var sx = 0; sx < SamplesPerAxis; sx++)
                    {
                        var lx = (px + (sx + 0.5) / SamplesPerAxis - centerX) / unit;
                        if (Front(parts, lx, ly) is { } colour)
                        {
                            r += colour.R;
                            g += colour.G;
                            b += colour.B;
                            hits++;
                        }
                    }
                }
                if (hits == 0)
                    continue;
                var missed = SamplesPerPixel - hits;
                background[i] = (byte)((r + missed * background[i] + SamplesPerPixel / 2) / SamplesPerPixel);
                background[i + 1] = (byte)((g + missed * background[i + 1] + SamplesPerPixel / 2) / SamplesPerPixel);
                background[i + 2] = (byte)((b + missed * background[i + 2] + SamplesPerPixel / 2) / SamplesPerPixel);
                coverage[py * size + px] = (byte)hits;
            }
        }
        return coverage;
    }

    private static Rgb? Front(IReadOnlyList<SpritePart> parts, double x, double y)
    {
        for (var k = parts.Count - 1; k >= 0; k--)
            if (parts[k].At(x, y) is { } colour)
                return colour;
        return null;
    }
}
