namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// Compares a reading with what the image should show, attribute by attribute. Optional colours match when both
/// sides agree on "none" or on the colour. A pose matches when every arm is within <see cref="ArmToleranceDegrees"/>
/// and every leg within <see cref="LegToleranceDegrees"/> of the intended angle: legs only range over 0..45 degrees,
/// so they get a tighter tolerance than arms (10..170).
/// </summary>
public static class SpriteMatch
{
    public const int ArmToleranceDegrees = 20;
    public const int LegToleranceDegrees = 10;

    /// <summary>shape, body_colour, pattern, pattern_colour, eyes, accessory, accessory_colour: true where the reading is right.</summary>
    public static IReadOnlyDictionary<string, bool> IdentityAttributes(SpriteReading reading, SpriteIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(identity);
        return new OrderedDictionary<string, bool>
        {
            [SpriteLabels.Shape] = reading.Shape == identity.Shape,
            [SpriteLabels.BodyColour] = reading.BodyColour == identity.BodyColour,
            [SpriteLabels.Pattern] = reading.Pattern == identity.Pattern,
            [SpriteLabels.PatternColour] = reading.PatternColour == identity.PatternColour,
            [SpriteLabels.Eyes] = reading.Eyes == identity.Eyes,
            [SpriteLabels.Accessory] = reading.Accessory == identity.Accessory,
            [SpriteLabels.AccessoryColour] = reading.AccessoryColour == identity.AccessoryColour,
        };
    }

    /// <summary>Share of the emblem's 15 free cells the reading has right (0..1).</summary>
    public static double EmblemMatch(SpriteReading reading, int emblem)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var expected = SpriteLabels.Cells(emblem);
        if (reading.EmblemCells.Count != expected.Length)
            throw new ArgumentException($"the reading has {reading.EmblemCells.Count} emblem cells, not {expected.Length}", nameof(reading));
        return expected.Where((cell, i) => reading.EmblemCells[i] == cell).Count() / (double)expected.Length;
    }

    /// <summary>scene, horizontal, vertical, scale, pose: true where the reading is right.</summary>
    public static IReadOnlyDictionary<string, bool> SceneAttributes(SpriteReading reading, StarterExample example)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(example);
        return new OrderedDictionary<string, bool>
        {
            [SpriteLabels.Scene] = reading.Scene == example.Scene,
            [SpriteLabels.Horizontal] = reading.Horizontal == example.Horizontal,
            [SpriteLabels.Vertical] = reading.Vertical == example.Vertical,
            [SpriteLabels.Scale] = reading.Scale == example.Scale,
            [SpriteLabels.Pose] = PoseMatches(reading.Pose, example.Pose),
        };
    }

    public static bool PoseMatches(SpritePose read, SpritePose intended)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(intended);
        return Math.Abs(read.RightArm - intended.RightArm) <= ArmToleranceDegrees
            && Math.Abs(read.LeftArm - intended.LeftArm) <= ArmToleranceDegrees
            && Math.Abs(read.RightLeg - intended.RightLeg) <= LegToleranceDegrees
            && Math.Abs(read.LeftLeg - intended.LeftLeg) <= LegToleranceDegrees;
    }
}
