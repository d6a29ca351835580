namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// How the world's labels become the attribute classifier's targets and back: one class index per categorical head
/// (optional colours have class 0 = "none", then the colours; limb angles are 5-degree bins over the world's range)
/// and the emblem's 15 free glyph cells. Keeping both directions here makes training and reading agree by construction.
/// </summary>
public static class SpriteLabels
{
    public const string Shape = "shape", BodyColour = "body_colour", Pattern = "pattern", PatternColour = "pattern_colour",
        Eyes = "eyes", Accessory = "accessory", AccessoryColour = "accessory_colour", Scene = "scene",
        Horizontal = "horizontal", Vertical = "vertical", Scale = "scale",
        RightArm = "right_arm", LeftArm = "left_arm", RightLeg = "right_leg", LeftLeg = "left_leg", Emblem = "emblem", Pose = "pose";

    /// <summary>The free half of a symmetric 5x5 glyph: columns 0..2 of each row (column 2 is the mirror axis).</summary>
    public const int EmblemCells = EmblemGlyphs.Cells * 3;

    private static readonly int Colours = Enum.GetValues<StarterColour>().Length;
    private static readonly int ArmBins = (SpritePose.MaxArm - SpritePose.MinArm) / SpritePose.Step + 1;
    private static readonly int LegBins = (SpritePose.MaxLeg - SpritePose.MinLeg) / SpritePose.Step + 1;

    /// <summary>The first this many of <see cref="Heads"/> are identity attributes (shape .. accessory colour).</summary>
    public const int IdentityHeads = 7;

    /// <summary>Indices in <see cref="Heads"/> of the scene attributes that place the sprite (<see cref="SpriteGeometry.Placement"/>).</summary>
    public const int HorizontalHead = 8, VerticalHead = 9, ScaleHead = 10;

    /// <summary>The categorical heads in order, with their class counts (the emblem head is separate).</summary>
    public static IReadOnlyList<(string Name, int Classes)> Heads { get; } =
    [
        (Shape, Enum.GetValues<BodyShape>().Length),
        (BodyColour, Colours),
        (Pattern, Enum.GetValues<BodyPattern>().Length),
        (PatternColour, Colours + 1),
        (Eyes, Enum.GetValues<EyeKind>().Length),
        (Accessory, Enum.GetValues<Starter.Accessory>().Length),
        (AccessoryColour, Colours + 1),
        (Scene, Enum.GetValues<SceneKind>().Length),
        (Horizontal, Enum.GetValues<HorizontalPosition>().Length),
        (Vertical, Enum.GetValues<VerticalPosition>().Length),
        (Scale, Enum.GetValues<SpriteScale>().Length),
        (RightArm, ArmBins),
        (LeftArm, ArmBins),
        (RightLeg, LegBins),
        (LeftLeg, LegBins),
    ];

    /// <summary>The class index of every head of <see cref="Heads"/>, in order.</summary>
    public static int[] Classes(StarterExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var id = example.Identity;
        return
        [
            (int)id.Shape, (int)id.BodyColour, (int)id.Pattern, OptionalColour(id.PatternColour), (int)id.Eyes,
            (int)id.Accessory, OptionalColour(id.AccessoryColour), (int)example.Scene, (int)example.Horizontal,
            (int)example.Vertical, (int)example.Scale,
            ArmBin(example.Pose.RightArm), ArmBin(example.Pose.LeftArm), LegBin(example.Pose.RightLeg), LegBin(example.Pose.LeftLeg),
        ];
    }

    /// <summary>The emblem's free cells row by row (what <see cref="SpriteReading.EmblemCells"/> holds).</summary>
    public static bool[] Cells(int emblem)
    {
        var cells = new bool[EmblemCells];
        for (var r = 0; r < EmblemGlyphs.Cells; r++)
            for (var c = 0; c < 3; c++)
                cells[r * 3 + c] = EmblemGlyphs.IsSet(emblem, r, c);
        return cells;
    }

    /// <summary>The reading that the class indices of <see cref="Heads"/> and the emblem cells stand for.</summary>
    public static SpriteReading Reading(IReadOnlyList<int> classes, IReadOnlyList<bool> cells)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count != Heads.Count)
            throw new ArgumentException($"{classes.Count} class indices for {Heads.Count} heads", nameof(classes));
        return new SpriteReading((BodyShape)classes[0], (StarterColour)classes[1], (BodyPattern)classes[2], FromOptional(classes[3]),
            (EyeKind)classes[4], (Starter.Accessory)classes[5], FromOptional(classes[6]), [.. cells], (SceneKind)classes[7],
            (HorizontalPosition)classes[8], (VerticalPosition)classes[9], (SpriteScale)classes[10],
            new SpritePose(ArmAngle(classes[11]), ArmAngle(classes[12]), LegAngle(classes[13]), LegAngle(classes[14])));
    }

    private static int OptionalColour(StarterColour? colour) => colour is { } c ? (int)c + 1 : 0;

    private static StarterColour? FromOptional(int index) => index == 0 ? null : (StarterColour)(index - 1);

    private static int ArmBin(int degrees) => Math.Clamp((degrees - SpritePose.MinArm) / SpritePose.Step, 0, ArmBins - 1);

    private static int LegBin(int degrees) => Math.Clamp((degrees - SpritePose.MinLeg) / SpritePose.Step, 0, LegBins - 1);

    private static int ArmAngle(int bin) => SpritePose.MinArm + bin * SpritePose.Step;

    private static int LegAngle(int bin) => SpritePose.MinLeg + bin * SpritePose.Step;
}
