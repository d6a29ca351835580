namespace DreamTuner.Engine.Starter;

/// <summary>
/// Point-in-region tests for the renderer's primitives, in any coordinates. Only +, -, * and comparisons
/// are used, so the answer for a given point is the same on every machine.
/// </summary>
public static class Region
{
    public static bool Circle(double x, double y, double cx, double cy, double r)
    {
        double dx = x - cx, dy = y - cy;
        return dx * dx + dy * dy <= r * r;
    }

    public static bool Ellipse(double x, double y, double cx, double cy, double rx, double ry)
    {
        double dx = (x - cx) / rx, dy = (y - cy) / ry;
        return dx * dx + dy * dy <= 1;
    }

    public static bool Ring(double x, double y, double cx, double cy, double inner, double outer) =>
        Circle(x, y, cx, cy, outer) && !Circle(x, y, cx, cy, inner);

    /// <summary>Within <paramref name="r"/> of the segment a-b (a stroke with round ends).</summary>
    public static bool Capsule(double x, double y, double ax, double ay, double bx, double by, double r)
    {
        double vx = bx - ax, vy = by - ay, wx = x - ax, wy = y - ay;
        var lengthSquared = vx * vx + vy * vy;
        var t = lengthSquared == 0 ? 0 : Math.Clamp((wx * vx + wy * vy) / lengthSquared, 0, 1);
        double dx = wx - t * vx, dy = wy - t * vy;
        return dx * dx + dy * dy <= r * r;
    }

    public static bool Rect(double x, double y, double minX, double minY, double maxX, double maxY) =>
        x >= minX && x <= maxX && y >= minY && y <= maxY;

    public static bool RoundedRect(double x, double y, double cx, double cy, double halfWidth, double halfHeight, double radius)
    {
        double dx = Math.Abs(x - cx), dy = Math.Abs(y - cy);
        if (dx > halfWidth || dy > halfHeight)
            return false;
        double ix = halfWidth - radius, iy = halfHeight - radius;
        return dx <= ix || dy <= iy || Circle(dx, dy, ix, iy, radius);
    }

    /// <summary>Even-odd rule over a closed polygon given as x0, y0, x1, y1, ...</summary>
    public static bool Polygon(double x, double y, IReadOnlyList<double> points)
    {
        var inside = false;
        var n = points.Count / 2;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double xi = points[2 * i], yi = points[2 * i + 1], xj = points[2 * j], yj = points[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
        }
        return inside;
    }
}
