namespace DreamTuner.Data.Poses;

/// <summary>
/// Draws a <see cref="BodyPose"/> the way OpenPose's body renderer does (and so the way the pose ControlNet saw its
/// training images): black canvas, each of the 17 limbs as a filled ellipse along the bone, 4 px wide on each side,
/// in its colour at 60 %, then each keypoint as a filled 4 px-radius dot in its full colour; both without
/// antialiasing (OpenCV's default line type). Those sizes are for a 512 px image and scale with the shorter side.
/// Pure integer/double maths, so the bytes are the same on every machine.
/// </summary>
public static class OpenPoseRenderer
{
    public const int MinSide = 16, MaxSide = 4096;

    /// <summary>OpenPose's stick half-width and dot radius at its reference size.</summary>
    public const double StickHalfWidth = 4, DotRadius = 4, ReferenceSide = 512;

    /// <summary>Row-major RGB bytes of a <paramref name="width"/> x <paramref name="height"/> control image.</summary>
    public static byte[] Render(BodyPose pose, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pose);
        CheckSide(width, nameof(width));
        CheckSide(height, nameof(height));
        var pixels = new byte[width * height * 3];
        var scale = Math.Min(width, height) / ReferenceSide;
        var halfWidth = Math.Max(1, StickHalfWidth * scale);
        var radius = Math.Max(1, DotRadius * scale);

        for (var i = 0; i < OpenPoseBody.Limbs.Count; i++)
        {
            var (from, to) = OpenPoseBody.Limbs[i];
            if (pose[from] is not { } a || pose[to] is not { } b)
                continue;
            var (ax, ay) = ToPixels(a, width, height);
            var (bx, by) = ToPixels(b, width, height);
            FillEllipse(pixels, width, height, ax, ay, bx, by, halfWidth, OpenPoseBody.StickColour(i));
        }
        for (var k = 0; k < OpenPoseBody.KeypointCount; k++)
        {
            if (pose[k] is not { } p)
                continue;
            var (x, y) = ToPixels(p, width, height);
            FillEllipse(pixels, width, height, x, y, x, y, radius, OpenPoseBody.Colours[k]);
        }
        return pixels;
    }

    /// <summary>Where a keypoint lands in a <paramref name="width"/> x <paramref name="height"/> image, in pixels.</summary>
    public static (double X, double Y) ToPixels(PosePoint point, int width, int height) =>
        ((double)point.X * (width - 1) / BodyPose.Extent, (double)point.Y * (height - 1) / BodyPose.Extent);

    public static void CheckSide(int side, string name)
    {
        if (side is < MinSide or > MaxSide)
            throw new ArgumentOutOfRangeException(name, side, $"A control image side is {MinSide}..{MaxSide} pixels.");
    }

    /// <summary>
    /// Fills the ellipse whose major axis runs from a to b (semi-major = half the distance, at least
    /// <paramref name="halfWidth"/>) and whose semi-minor axis is <paramref name="halfWidth"/>: a pixel is in when its
    /// integer coordinate is (OpenCV's convention). With a == b this is a dot of radius halfWidth.
    /// </summary>
    private static void FillEllipse(byte[] pixels, int width, int height, double ax, double ay, double bx, double by, double halfWidth, PoseColour colour)
    {
        double cx = (ax + bx) / 2, cy = (ay + by) / 2;
        double dx = bx - ax, dy = by - ay;
        var length = Math.Sqrt(dx * dx + dy * dy);
        var major = Math.Max(length / 2, halfWidth);
        double ux = length > 0 ? dx / length : 1, uy = length > 0 ? dy / length : 0;
        var reach = major + 1;
        int x0 = Math.Max(0, (int)Math.Floor(cx - reach)), x1 = Math.Min(width - 1, (int)Math.Ceiling(cx + reach));
        int y0 = Math.Max(0, (int)Math.Floor(cy - reach)), y1 = Math.Min(height - 1, (int)Math.Ceiling(cy + reach));
        for (var py = y0; py <= y1; py++)
        {
            for (var px = x0; px <= x1; px++)
            {
                double rx = px - cx, ry = py - cy;
                double along = (rx * ux + ry * uy) / major, across = (-rx * uy + ry * ux) / halfWidth;
                if (along * along + across * across > 1)
                    continue;
                var i = (py * width + px) * 3;
                pixels[i] = colour.R;
                pixels[i + 1] = colour.G;
                pixels[i + 2] = colour.B;
            }
        }
    }
}
