namespace DreamTuner.Data.Poses;

/// <summary>
/// OpenPose's 18-keypoint body model in COCO order, with the limb order and colours of its renderer: the pose
/// ControlNet learned from images drawn this way, so these tables are the contract, not a style. Shared by the
/// studio's pose editor and the engine's starter world, which both draw such skeletons.
/// </summary>
public static class OpenPoseBody
{
    public const int KeypointCount = 18;

    /// <summary>Sticks are drawn at 60 % of their colour (OpenPose multiplies each channel by 0.6).</summary>
    public const int StickStrengthPercent = 60;

    /// <summary>"Right" and "left" are the person's own sides, as in OpenPose: the right arm shows on the viewer's left.</summary>
    public static readonly IReadOnlyList<string> KeypointNames =
    [
        "nose", "neck", "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow", "left_wrist",
        "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle", "right_eye", "left_eye",
        "right_ear", "left_ear",
    ];

    /// <summary>OpenPose's limb sequence (0-based), in the order that selects each stick's colour; the ControlNet draws the first 17.</summary>
    public static readonly IReadOnlyList<(int From, int To)> Limbs =
    [
        (1, 2), (1, 5), (2, 3), (3, 4), (5, 6), (6, 7), (1, 8), (8, 9), (9, 10),
        (1, 11), (11, 12), (12, 13), (1, 0), (0, 14), (14, 16), (0, 15), (15, 17),
    ];

    /// <summary>One colour per keypoint (its dot) and per limb (its stick, dimmed).</summary>
    public static readonly IReadOnlyList<PoseColour> Colours =
    [
        new(255, 0, 0), new(255, 85, 0), new(255, 170, 0), new(255, 255, 0), new(170, 255, 0), new(85, 255, 0),
        new(0, 255, 0), new(0, 255, 85), new(0, 255, 170), new(0, 255, 255), new(0, 170, 255), new(0, 85, 255),
        new(0, 0, 255), new(85, 0, 255), new(170, 0, 255), new(255, 0, 255), new(255, 0, 170), new(255, 0, 85),
    ];

    private static readonly int[] Mirrors = [0, 1, 5, 6, 7, 2, 3, 4, 11, 12, 13, 8, 9, 10, 15, 14, 17, 16];

    /// <summary>The keypoint on the other side of the body (left wrist for right wrist); nose and neck are their own.</summary>
    public static int MirrorOf(int keypoint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keypoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(keypoint, KeypointCount);
        return Mirrors[keypoint];
    }

    /// <summary>A stick's colour: the limb's colour at <see cref="StickStrengthPercent"/>, truncated as OpenPose's int() does.</summary>
    public static PoseColour StickColour(int limb)
    {
        var c = Colours[limb];
        return new PoseColour(
            (byte)(c.R * StickStrengthPercent / 100), (byte)(c.G * StickStrengthPercent / 100), (byte)(c.B * StickStrengthPercent / 100));
    }
}
