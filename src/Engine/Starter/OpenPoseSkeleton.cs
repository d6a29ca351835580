namespace DreamTuner.Engine.Starter;

/// <summary>
/// OpenPose's 18-keypoint body model (COCO order) as its renderer draws it: limbs as sticks in 60%-strength
/// colours, joints as dots in full colours, on black. Our sprites have no ears, so keypoints 16 and 17 and
/// the two sticks that reach them are absent. Sticks and dots are thinner than the sprite's limbs, so the
/// skeleton lies inside the sprite's silhouette.
/// </summary>
public static class OpenPoseSkeleton
{
    public static readonly string[] KeypointNames =
    [
        "nose", "neck", "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow", "left_wrist",
        "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle", "right_eye", "left_eye",
        "right_ear", "left_ear",
    ];

    /// <summary>OpenPose's limb sequence (0-based), in the order that selects each stick's colour.</summary>
    public static readonly (int From, int To)[] Limbs =
    [
        (1, 2), (1, 5), (2, 3), (3, 4), (5, 6), (6, 7), (1, 8), (8, 9), (9, 10),
        (1, 11), (11, 12), (12, 13), (1, 0), (0, 14), (14, 16), (0, 15), (15, 17),
    ];

    public static readonly Rgb[] Colours =
    [
        new(255, 0, 0), new(255, 85, 0), new(255, 170, 0), new(255, 255, 0), new(170, 255, 0), new(85, 255, 0),
        new(0, 255, 0), new(0, 255, 85), new(0, 255, 170), new(0, 255, 255), new(0, 170, 255), new(0, 85, 255),
        new(0, 0, 255), new(85, 0, 255), new(170, 0, 255), new(255, 0, 255), new(255, 0, 170), new(255, 0, 85),
    ];

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
