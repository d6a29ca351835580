namespace DreamTuner.Engine.Starter;

/// <summary>
/// A square RGB byte canvas for backgrounds, addressed in normalised coordinates (0..1 across the image) so a
/// scene looks the same at every size. A shape covers a pixel when it contains the pixel centre: backgrounds
/// need no antialiasing, and hard edges keep them exact.
/// </summary>
public sealed class BackgroundCanvas
{
    public BackgroundCanvas(int size)
    {
        Size = size;
        Pixels = new byte[size * size * 3];
    }

    public int Size { get; }

    /// <summary>Row-major RGB bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>Sets every pixel whose centre satisfies <paramref name="inside"/> (normalised coordinates).</summary>
    public void Fill(Rgb colour, Func<double, double, bool> inside)
    {
        for (var py = 0; py < Size; py++)
        {
            var y = (py + 0.5) / Size;
            for (var px = 0; px < Size; px++)
                if (inside((px + 0.5) / Size, y))
                    Set(px, py, colour);
        }
    }

    /// <summary>Blends from <paramref name="top"/> at <paramref name="fromY"/> to <paramref name="bottom"/> at <paramref name="toY"/>, rows in between.</summary>
    public void VerticalGradient(Rgb top, Rgb bottom, double fromY = 0, double toY = 1)
    {
        for (var py = 0; py < Size; py++)
        {
            var y = (py + 0.5) / Size;
            if (y < fromY || y > toY)
                continue;
            var amount = (int)((y - fromY) / (toY - fromY) * 256);
            var colour = top.MixTowards(bottom, Math.Clamp(amount, 0, 256));
            for (var px = 0; px < Size; px++)
                Set(px, py, colour);
        }
    }

    public void Rect(Rgb colour, double minX, double minY, double maxX, double maxY) =>
        Fill(colour, (x, y) => Region.Rect(x, y, minX, minY, maxX, maxY));

    public void Circle(Rgb colour, double cx, double cy, double r) =>
        Fill(colour, (x, y) => Region.Circle(x, y, cx, cy, r));

    public void Ellipse(Rgb colour, double cx, double cy, double rx, double ry) =>
        Fill(colour, (x, y) => Region.Ellipse(x, y, cx, cy, rx, ry));

    /// <summary>Marks the single pixel under (x, y), for stars and snowflakes that must show at any size.</summary>
    public void Dot(Rgb colour, double x, double y) =>
        Set(Math.Clamp((int)(x * Size), 0, Size - 1), Math.Clamp((int)(y * Size), 0, Size - 1), colour);

    private void Set(int px, int py, Rgb colour)
    {
        var i = (py * Size + px) * 3;
        Pixels[i] = colour.R;
        Pixels[i + 1] = colour.G;
        Pixels[i + 2] = colour.B;
    }
}
