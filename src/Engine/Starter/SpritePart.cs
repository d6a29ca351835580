namespace DreamTuner.Engine.Starter;

/// <summary>
/// One drawn piece of a sprite in sprite-local units (body about 1 unit across, y down): its bounding box for
/// quick rejection and a sampler returning its colour at a point, or null where the piece is absent.
/// </summary>
public sealed record SpritePart(string Name, double MinX, double MinY, double MaxX, double MaxY, Func<double, double, Rgb?> Sample)
{
    public Rgb? At(double x, double y) =>
        x < MinX || x > MaxX || y < MinY || y > MaxY ? null : Sample(x, y);

    /// <summary>A part of one colour wherever <paramref name="inside"/> holds.</summary>
    public static SpritePart Solid(string name, double minX, double minY, double maxX, double maxY, Rgb colour, Func<double, double, bool> inside) =>
        new(name, minX, minY, maxX, maxY, (x, y) => inside(x, y) ? colour : null);

    public static SpritePart Circle(string name, double cx, double cy, double r, Rgb colour) =>
        Solid(name, cx - r, cy - r, cx + r, cy + r, colour, (x, y) => Region.Circle(x, y, cx, cy, r));

    public static SpritePart Capsule(string name, double ax, double ay, double bx, double by, double r, Rgb colour) =>
        Solid(name, Math.Min(ax, bx) - r, Math.Min(ay, by) - r, Math.Max(ax, bx) + r, Math.Max(ay, by) + r, colour,
            (x, y) => Region.Capsule(x, y, ax, ay, bx, by, r));
}
