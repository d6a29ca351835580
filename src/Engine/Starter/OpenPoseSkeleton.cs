using DreamTuner.Data.Poses;

namespace DreamTuner.Engine.Starter;

/// <summary>
/// OpenPose's 18-keypoint body model (COCO order) as its renderer draws it: limbs as sticks in 60%-strength
/// colours, joints as dots in full colours, on black. Our sprites have no ears, so keypoints 16 and 17 and
/// the two sticks that reach them are absent. Sticks and dots are thinner than the sprite's limbs, so the
/// skeleton lies inside the sprite's silhouette.
/// </summary>
public static class OpenPoseSkeleton
{
    // The tables are the studio's pose editor's too (Data/Poses/OpenPoseBody); only the drawing in sprite units is the starter's own.
    public static readonly string[] KeypointNames = [.. OpenPoseBody.KeypointNames];

    /// <summary>OpenPose's limb sequence (0-based), in the order that selects each stick's colour.</summary>
    public static readonly (int From, int To)[] Limbs = [.. OpenPoseBody.Limbs];

    public static readonly Rgb[] Colours = [.. OpenPoseBody.Colours.Select(c => new Rgb(c.R, c.G, c.B))];

    /// <summary>Stick and dot radii in sprite-local units: below the arm (0.065) and leg (0.075) radii.</summary>
    public const double StickRadius = 0.035, DotRadius = 0.05;

    /// <summary>The skeleton as drawable parts in sprite-local units; <paramref name="points"/> is indexed by keypoint, null where absent.</summary>
    public static IReadOnlyList<SpritePart> Parts(IReadOnlyList<(double X, double Y)?> points)
    {
        var parts = new List<SpritePart>();
        for (var i = 0; i < Limbs.Length; i++)
        {
            var (from, to) = Limbs[i];
            if (points[from] is not { } a || points[to] is not { } b)
                continue;
            parts.Add(SpritePart.Capsule($"stick{i}", a.X, a.Y, b.X, b.Y, StickRadius, Colours[i].MixTowards(Rgb.Black, 102)));
        }
        for (var k = 0; k < points.Count; k++)
            if (points[k] is { } p)
                parts.Add(SpritePart.Circle($"joint{k}", p.X, p.Y, DotRadius, Colours[k]));
        return parts;
    }
}
