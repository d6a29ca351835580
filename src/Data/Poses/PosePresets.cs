namespace DreamTuner.Data.Poses;

/// <summary>
/// Starting skeletons for the pose editor, facing the viewer in a square frame with room around the body
/// (the person's right side on the viewer's left, as OpenPose labels it). Standing is symmetric, so its mirror is itself.
/// </summary>
public static class PosePresets
{
    public const string StandingName = "standing", SittingName = "sitting", WalkingName = "walking", WavingName = "waving";

    public static BodyPose Standing { get; } = Pose(
        (500, 180), (500, 280), (410, 280), (390, 410), (380, 530), (590, 280), (610, 410), (620, 530),
        (450, 540), (445, 700), (440, 860), (550, 540), (555, 700), (560, 860), (480, 160), (520, 160), (455, 175), (545, 175));

    /// <summary>Seated on a chair, hands on the lap: thighs point at the viewer, so the knees sit just below the hips.</summary>
    public static BodyPose Sitting { get; } = Pose(
        (500, 260), (500, 360), (415, 360), (395, 480), (440, 590), (585, 360), (605, 480), (560, 590),
        (450, 600), (425, 670), (430, 860), (550, 600), (575, 670), (570, 860), (480, 240), (520, 240), (455, 255), (545, 255));

    /// <summary>Mid-stride: right leg forward and out, left leg back, arms swinging against the legs.</summary>
    public static BodyPose Walking { get; } = Pose(
        (510, 170), (500, 270), (430, 275), (405, 400), (440, 510), (570, 275), (600, 395), (640, 495),
        (465, 530), (420, 690), (370, 850), (535, 530), (565, 690), (615, 850), (490, 150), (530, 150), (465, 165), (555, 165));

    /// <summary>Standing, right hand raised above the head.</summary>
    public static BodyPose Waving { get; } = Standing
        .Move(3, 320, 220)
        .Move(4, 300, 100);

    /// <summary>The presets by name, in the order the editor offers them.</summary>
    public static IReadOnlyList<(string Name, BodyPose Pose)> All { get; } =
    [
        (StandingName, Standing), (SittingName, Sitting), (WalkingName, Walking), (WavingName, Waving),
    ];

    public static BodyPose Named(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Pose
        ?? throw new ArgumentException($"No preset is called \"{name}\"; there are {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    private static BodyPose Pose(params (int X, int Y)[] points) => new(points.Select(p => (PosePoint?)new PosePoint(p.X, p.Y)));
}
