namespace DreamTuner.Engine.Starter;

/// <summary>
/// Where the face, emblem badge, limbs and accessories attach on one body shape (sprite-local units, body
/// centre at the origin, y down). The anchors are chosen inside the outline so limbs look attached and the
/// skeleton's body segments stay inside the body.
/// </summary>
public sealed record BodyLayout(
    double EyeY,
    double EyeDx,
    double BadgeY,
    double BadgeSide,
    double ShoulderX,
    double ShoulderY,
    double HipX,
    double HipY,
    double Top)
{
    public static BodyLayout For(BodyShape shape) => shape switch
    {
        BodyShape.Round => new(-0.18, 0.15, 0.20, 0.34, 0.38, 0.05, 0.20, 0.38, -0.50),
        BodyShape.Square => new(-0.18, 0.16, 0.18, 0.36, 0.38, 0.05, 0.22, 0.38, -0.45),
        BodyShape.Triangle => new(0.00, 0.12, 0.28, 0.28, 0.30, 0.12, 0.28, 0.40, -0.55),
        BodyShape.Star => new(-0.08, 0.10, 0.16, 0.24, 0.28, -0.04, 0.19, 0.31, -0.53),
        BodyShape.Blob => new(-0.18, 0.14, 0.20, 0.32, 0.30, 0.00, 0.18, 0.35, -0.48),
        BodyShape.TallOval => new(-0.24, 0.12, 0.16, 0.30, 0.30, 0.05, 0.15, 0.42, -0.55),
        BodyShape.Diamond => new(-0.14, 0.12, 0.16, 0.26, 0.34, 0.02, 0.14, 0.36, -0.56),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "BodyShape does not exist"),
    };

    /// <summary>Whether (x, y) is inside the body outline.</summary>
    public static bool InsideBody(BodyShape shape, double x, double y) => shape switch
    {
        BodyShape.Round => Region.Circle(x, y, 0, 0, 0.5),
        BodyShape.Square => Region.RoundedRect(x, y, 0, 0, 0.45, 0.45, 0.1),
        BodyShape.Triangle => Region.Polygon(x, y, TrianglePoints),
        BodyShape.Star => Region.Polygon(x, y, StarPoints),
        BodyShape.Blob => BlobCircles.Any(c => Region.Circle(x, y, c.X, c.Y, c.R)),
        BodyShape.TallOval => Region.Ellipse(x, y, 0, 0, 0.36, 0.55),
        BodyShape.Diamond => Math.Abs(x) / 0.52 + Math.Abs(y) / 0.56 <= 1,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "BodyShape does not exist"),
    };

    /// <summary>Half-extent of every body outline: all fit in [-0.6, 0.6] on both axes.</summary>
    public const double BodyExtent = 0.6;

    private static readonly double[] TrianglePoints = [0, -0.55, 0.55, 0.45, -0.55, 0.45];

    private static readonly (double X, double Y, double R)[] BlobCircles =
        [(0, 0.05, 0.42), (-0.2, -0.2, 0.28), (0.22, -0.15, 0.3), (0.15, 0.25, 0.3), (-0.2, 0.22, 0.28)];

    // Five points at radius 0.58 alternating with inner corners at 0.26, centred a little low so the top point is at -0.53.
    private static readonly double[] StarPoints = BuildStar(0.58, 0.26, 0.05);

    private static double[] BuildStar(double outer, double inner, double centreY)
    {
        var points = new double[20];
        for (var i = 0; i < 10; i++)
        {
            var r = i % 2 == 0 ? outer : inner;
            points[2 * i] = r * DeterministicTrig.SinDegrees(36 * i);
            points[2 * i + 1] = centreY - r * DeterministicTrig.CosDegrees(36 * i);
        }
        return points;
    }
}
