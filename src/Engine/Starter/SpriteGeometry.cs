namespace DreamTuner.Engine.Starter;

/// <summary>
/// A sprite laid out for one example: its drawn parts (back to front), limbs and skeleton keypoints in
/// sprite-local units, and where those units sit in the image (<see cref="CenterX"/>, <see cref="CenterY"/>,
/// <see cref="Unit"/> pixels per unit). The sprite image and the pose image are both rasterised from this one
/// layout, which is what keeps the skeleton exactly on the limbs.
/// </summary>
public sealed class SpriteGeometry
{
    /// <summary>Every part of every sprite lies within this many units of its centre.</summary>
    public const double Extent = 0.95;

    public const double ArmLength = 0.42, ArmRadius = 0.065, HandRadius = 0.09;
    public const double LegLength = 0.36, LegRadius = 0.075, FootRadius = 0.1;

    private static readonly Rgb EyeWhite = new(250, 250, 250);
    private static readonly Rgb EyeBlack = new(20, 20, 25);
    private static readonly Rgb BadgeColour = new(250, 244, 220);
    private static readonly Rgb GlyphColour = new(25, 25, 30);

    private SpriteGeometry(double centerX, double centerY, double unit, IReadOnlyList<SpritePart> parts,
        IReadOnlyList<SpriteLimb> limbs, IReadOnlyList<(double X, double Y)?> keypoints)
    {
        CenterX = centerX;
        CenterY = centerY;
        Unit = unit;
        Parts = parts;
        Limbs = limbs;
        LocalKeypoints = keypoints;
    }

    public double CenterX { get; }
    public double CenterY { get; }
    public double Unit { get; }
    public IReadOnlyList<SpritePart> Parts { get; }
    public IReadOnlyList<SpriteLimb> Limbs { get; }

    /// <summary>The 18 OpenPose keypoints in sprite-local units (ears are null).</summary>
    public IReadOnlyList<(double X, double Y)?> LocalKeypoints { get; }

    public (double X, double Y) ToPixels(double x, double y) => (CenterX + x * Unit, CenterY + y * Unit);

    public IReadOnlyList<PoseKeypoint> Keypoints =>
        LocalKeypoints.Select((p, i) => p is { } q ? new PoseKeypoint(i, OpenPoseSkeleton.KeypointNames[i], ToPixels(q.X, q.Y).X, ToPixels(q.X, q.Y).Y) : null)
            .OfType<PoseKeypoint>().ToList();

    /// <summary>Body size in image widths for each scale.</summary>
    public static double ScaleFraction(SpriteScale scale) => scale switch
    {
        SpriteScale.Small => 0.20,
        SpriteScale.Medium => 0.28,
        SpriteScale.Large => 0.36,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "SpriteScale does not exist"),
    };

    /// <summary>
    /// Where a sprite stands: its centre in pixels and its unit (pixels per sprite-local unit); every part lies within
    /// <see cref="Extent"/> units of the centre. The scene attributes alone decide it, so a reader that has read them
    /// knows where to look for the sprite.
    /// </summary>
    public static (double CenterX, double CenterY, double Unit) Placement(HorizontalPosition horizontal, VerticalPosition vertical,
        SpriteScale scale, int size)
    {
        var unit = ScaleFraction(scale) * size;
        // Positions keep the whole sprite inside the image: the centre moves between the two margins.
        var margin = Extent * unit + 1;
        var fx = horizontal switch { HorizontalPosition.Left => 0.0, HorizontalPosition.Center => 0.5, _ => 1.0 };
        var fy = vertical == VerticalPosition.Top ? 0.0 : 1.0;
        return (margin + fx * (size - 2 * margin), margin + fy * (size - 2 * margin), unit);
    }

    public static SpriteGeometry Build(StarterExample example, int size)
    {
        ArgumentNullException.ThrowIfNull(example);
        var (cx, cy, unit) = Placement(example.Horizontal, example.Vertical, example.Scale, size);

        var identity = example.Identity;
        var layout = BodyLayout.For(identity.Shape);
        var body = identity.BodyColour.ToRgb();
        // Limbs are a shade of the body colour: darker, or lighter for near-black bodies, so they read as limbs.
        var limbColour = body.Luma < 70 ? body.MixTowards(new Rgb(255, 255, 255), 90) : body.MixTowards(Rgb.Black, 70);

        var limbs = BuildLimbs(layout, example.Pose);
        var parts = new List<SpritePart>();
        foreach (var limb in limbs)
        {
            parts.Add(SpritePart.Capsule(limb.Name, limb.StartX, limb.StartY, limb.EndX, limb.EndY, limb.Radius, limbColour));
            parts.Add(SpritePart.Circle(limb.Name + "_end", limb.EndX, limb.EndY, limb.EndRadius, limbColour));
        }
        parts.Add(BodyPart(identity));
        if (identity.Accessory == Accessory.Scarf)
            parts.AddRange(ScarfParts(identity.Shape, layout, identity.AccessoryColour!.Value.ToRgb()));
        parts.Add(BadgePart(layout, identity.Emblem));
        parts.AddRange(EyeParts(identity.Eyes, layout));
        if (identity.Accessory is not (Accessory.None or Accessory.Scarf))
            parts.AddRange(AccessoryParts(identity.Accessory, identity.Eyes, layout, identity.AccessoryColour!.Value.ToRgb()));

        return new SpriteGeometry(cx, cy, unit, parts, limbs, Keypoints18(layout, identity.Eyes, limbs));
    }

    // Limb order: sprite's right arm (viewer's left), left arm, right leg, left leg.
    private static SpriteLimb[] BuildLimbs(BodyLayout l, SpritePose pose)
    {
        SpriteLimb Limb(string name, double sx, double sy, int angle, double side, double length, double radius, double endRadius) =>
            new(name, sx, sy, sx + side * length * DeterministicTrig.SinDegrees(angle), sy + length * DeterministicTrig.CosDegrees(angle), radius, endRadius);
        return
        [
            Limb("right_arm", -l.ShoulderX, l.ShoulderY, pose.RightArm, -1, ArmLength, ArmRadius, HandRadius),
            Limb("left_arm", l.ShoulderX, l.ShoulderY, pose.LeftArm, 1, ArmLength, ArmRadius, HandRadius),
            Limb("right_leg", -l.HipX, l.HipY, pose.RightLeg, -1, LegLength, LegRadius, FootRadius),
            Limb("left_leg", l.HipX, l.HipY, pose.LeftLeg, 1, LegLength, LegRadius, FootRadius),
        ];
    }

    private static (double X, double Y)?[] Keypoints18(BodyLayout l, EyeKind eyes, SpriteLimb[] limbs)
    {
        var points = new (double X, double Y)?[18];
        points[0] = (0, l.EyeY + 0.09);
        points[1] = (0, l.EyeY + 0.2);
        for (var i = 0; i < 4; i++)
        {
            var limb = limbs[i];
            // Shoulder/hip, elbow/knee (the limb's midpoint: limbs are straight), wrist/ankle (hand/foot centre).
            var first = new[] { 2, 5, 8, 11 }[i];
            points[first] = (limb.StartX, limb.StartY);
            points[first + 1] = ((limb.StartX + limb.EndX) / 2, (limb.StartY + limb.EndY) / 2);
            points[first + 2] = (limb.EndX, limb.EndY);
        }
        var eyeDx = eyes == EyeKind.Cyclops ? 0.05 : l.EyeDx;
        points[14] = (-eyeDx, l.EyeY);
        points[15] = (eyeDx, l.EyeY);
        return points;
    }

    private static SpritePart BodyPart(SpriteIdentity identity)
    {
        var shape = identity.Shape;
        var body = identity.BodyColour.ToRgb();
        var pattern = identity.PatternColour?.ToRgb() ?? body;
        var kind = identity.Pattern;
        const double e = BodyLayout.BodyExtent;
        return new SpritePart("body", -e, -e, e, e, (x, y) =>
            !BodyLayout.InsideBody(shape, x, y) ? null : InPattern(kind, x, y) ? pattern : body);
    }

    /// <summary>Whether a body point takes the pattern colour; periods are fractions of the body size.</summary>
    private static bool InPattern(BodyPattern pattern, double x, double y)
    {
        // Offsets by 2 keep the floor arguments positive over the body.
        switch (pattern)
        {
            case BodyPattern.None:
                return false;
            case BodyPattern.Stripes:
                return Odd(Math.Floor((y + 2) / 0.17));
            case BodyPattern.Dots:
            {
                double u = (x + 2) / 0.25, v = (y + 2) / 0.25;
                return Region.Circle(u - Math.Floor(u), v - Math.Floor(v), 0.5, 0.5, 0.3);
            }
            case BodyPattern.Checks:
                return Odd(Math.Floor((x + 2) / 0.2) + Math.Floor((y + 2) / 0.2));
            case BodyPattern.Zigzags:
            {
                var t = (x + 2) / 0.2;
                var wave = Math.Abs(t - Math.Floor(t) - 0.5);
                return Odd(Math.Floor((y + 2 + 0.2 * wave) / 0.17));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "BodyPattern does not exist");
        }
    }

    private static bool Odd(double value) => ((long)value & 1) == 1;

    /// <summary>A cream badge with the emblem's 5x5 glyph inside a one-cell border.</summary>
    private static SpritePart BadgePart(BodyLayout l, int emblem)
    {
        var half = l.BadgeSide / 2;
        var cell = l.BadgeSide / 7;
        double left = -half, top = l.BadgeY - half;
        return new SpritePart("badge", left, top, half, l.BadgeY + half, (x, y) =>
        {
            if (!Region.RoundedRect(x, y, 0, l.BadgeY, half, half, cell * 0.8))
                return null;
            int column = (int)Math.Floor((x - left) / cell) - 1, row = (int)Math.Floor((y - top) / cell) - 1;
            var inGlyph = row is >= 0 and < 5 && column is >= 0 and < 5 && EmblemGlyphs.IsSet(emblem, row, column);
            return inGlyph ? GlyphColour : BadgeColour;
        });
    }

    private static IEnumerable<SpritePart> EyeParts(EyeKind eyes, BodyLayout l)
    {
        var y = l.EyeY;
        if (eyes == EyeKind.Cyclops)
        {
            yield return SpritePart.Circle("eye", 0, y, 0.16, EyeWhite);
            yield return SpritePart.Circle("pupil", 0, y + 0.03, 0.07, EyeBlack);
            yield break;
        }
        foreach (var side in new[] { -1.0, 1.0 })
        {
            var x = side * l.EyeDx;
            switch (eyes)
            {
                case EyeKind.Dots:
                    yield return SpritePart.Circle("eye_rim", x, y, 0.08, EyeWhite);
                    yield return SpritePart.Circle("eye", x, y, 0.055, EyeBlack);
                    break;
                case EyeKind.Googly:
                    yield return SpritePart.Circle("eye", x, y, 0.11, EyeWhite);
                    yield return SpritePart.Circle("pupil", x, y + 0.04, 0.05, EyeBlack);
                    break;
                case EyeKind.Sleepy:
                    yield return SpritePart.Capsule("eye", x - 0.07, y, x + 0.07, y, 0.045, EyeWhite);
                    yield return SpritePart.Capsule("lid", x - 0.07, y, x + 0.07, y, 0.02, EyeBlack);
                    break;
                case EyeKind.Angry:
                    yield return SpritePart.Circle("eye", x, y, 0.085, EyeWhite);
                    yield return SpritePart.Circle("pupil", x, y + 0.02, 0.045, EyeBlack);
                    // Brows slope down towards the middle of the face.
                    yield return SpritePart.Capsule("brow", x + side * 0.09, y - 0.15, x - side * 0.06, y - 0.09, 0.025, EyeBlack);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(eyes), eyes, "EyeKind does not exist");
            }
        }
    }

    private static IEnumerable<SpritePart> ScarfParts(BodyShape shape, BodyLayout l, Rgb colour)
    {
        double top = l.EyeY + 0.12, bottom = l.EyeY + 0.22;
        const double e = BodyLayout.BodyExtent;
        yield return SpritePart.Solid("scarf", -e, top, e, bottom, colour, (x, y) => BodyLayout.InsideBody(shape, x, y));
        yield return SpritePart.Solid("scarf_tail", 0.16, top, 0.28, bottom + 0.26, colour, (_, _) => true);
    }

    private static IEnumerable<SpritePart> AccessoryParts(Accessory accessory, EyeKind eyes, BodyLayout l, Rgb colour)
    {
        var t = l.Top;
        switch (accessory)
        {
            case Accessory.Hat:
                yield return SpritePart.Solid("hat", -0.3, t - 0.36, 0.3, t + 0.03, colour, (x, y) =>
                    Region.Rect(x, y, -0.3, t - 0.06, 0.3, t + 0.03) || Region.Rect(x, y, -0.19, t - 0.36, 0.19, t - 0.06));
                yield return SpritePart.Solid("hat_band", -0.19, t - 0.14, 0.19, t - 0.08, colour.MixTowards(Rgb.Black, 120), (_, _) => true);
                break;
            case Accessory.Crown:
            {
                double[] points = [-0.24, t + 0.03, 0.24, t + 0.03, 0.24, t - 0.3, 0.12, t - 0.14, 0, t - 0.32, -0.12, t - 0.14, -0.24, t - 0.3];
                yield return SpritePart.Solid("crown", -0.24, t - 0.32, 0.24, t + 0.03, colour, (x, y) => Region.Polygon(x, y, points));
                break;
            }
            case Accessory.Bow:
            {
                double by = t + 0.04;
                double[] left = [0, by, -0.22, by - 0.12, -0.22, by + 0.12];
                double[] right = [0, by, 0.22, by - 0.12, 0.22, by + 0.12];
                yield return SpritePart.Solid("bow", -0.22, by - 0.12, 0.22, by + 0.12, colour, (x, y) =>
                    Region.Polygon(x, y, left) || Region.Polygon(x, y, right));
                yield return SpritePart.Circle("bow_knot", 0, by, 0.055, colour.MixTowards(Rgb.Black, 80));
                break;
            }
            case Accessory.Glasses:
            {
                var y = l.EyeY;
                if (eyes == EyeKind.Cyclops)
                {
                    yield return SpritePart.Solid("monocle", -0.22, y - 0.22, 0.22, y + 0.22, colour, (x, yy) => Region.Ring(x, yy, 0, y, 0.17, 0.215));
                    break;
                }
                var dx = l.EyeDx;
                yield return SpritePart.Solid("glasses", -dx - 0.15, y - 0.15, dx + 0.15, y + 0.15, colour, (x, yy) =>
                    Region.Ring(x, yy, -dx, y, 0.115, 0.15) || Region.Ring(x, yy, dx, y, 0.115, 0.15) ||
                    Region.Rect(x, yy, 0.13 - dx, y - 0.04, dx - 0.13, y - 0.01));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(accessory), accessory, "Accessory has no head-wear drawing");
        }
    }
}
