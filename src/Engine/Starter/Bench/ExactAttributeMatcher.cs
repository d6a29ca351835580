using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Attribute by attribute equality; a pose counts as read when every limb angle is within
/// <see cref="PoseToleranceDegrees"/> of the asked one.
/// </summary>
public sealed class ExactAttributeMatcher : ISpriteAttributeMatcher
{
    /// <summary>
    /// Limb angles are drawn on a 5-degree grid over 160 (arms) and 45 (legs) degrees; 15 degrees tells poses apart
    /// while forgiving the one-or-two-pixel wobble of a 64 px sprite's limb.
    /// </summary>
    public const int PoseToleranceDegrees = 15;

    public static ExactAttributeMatcher Instance { get; } = new();

    public IReadOnlyDictionary<string, bool> IdentityAttributes(SpriteReading reading, SpriteIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(identity);
        var result = new Dictionary<string, bool>
        {
            ["shape"] = reading.Shape == identity.Shape,
            ["body_colour"] = reading.BodyColour == identity.BodyColour,
            ["pattern"] = reading.Pattern == identity.Pattern,
            ["eyes"] = reading.Eyes == identity.Eyes,
            ["accessory"] = reading.Accessory == identity.Accessory,
        };
        if (identity.Pattern != BodyPattern.None)
            result["pattern_colour"] = reading.PatternColour == identity.PatternColour;
        if (identity.Accessory != Accessory.None)
            result["accessory_colour"] = reading.AccessoryColour == identity.AccessoryColour;
        return result;
    }

    public double EmblemMatch(SpriteReading reading, int emblem)
    {
        ArgumentNullException.ThrowIfNull(reading);
        const int free = 3;
        int correct = 0, total = EmblemGlyphs.Cells * free;
        if (reading.EmblemCells.Count != total)
            throw new ArgumentException($"a reading has {reading.EmblemCells.Count} emblem cells; {total} expected (left half, row by row).");
        for (int row = 0; row < EmblemGlyphs.Cells; row++)
            for (int column = 0; column < free; column++)
                if (reading.EmblemCells[row * free + column] == EmblemGlyphs.IsSet(emblem, row, column))
                    correct++;
        return (double)correct / total;
    }

    public IReadOnlyDictionary<string, bool> SceneAttributes(SpriteReading reading, StarterExample example)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(example);
        return new Dictionary<string, bool>
        {
            ["scene"] = reading.Scene == example.Scene,
            ["position"] = reading.Horizontal == example.Horizontal && reading.Vertical == example.Vertical,
            ["scale"] = reading.Scale == example.Scale,
            ["pose"] = PoseMatches(reading.Pose, example.Pose),
        };
    }

    public static bool PoseMatches(SpritePose read, SpritePose asked)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(asked);
        return Math.Abs(read.RightArm - asked.RightArm) <= PoseToleranceDegrees && Math.Abs(read.LeftArm - asked.LeftArm) <= PoseToleranceDegrees
            && Math.Abs(read.RightLeg - asked.RightLeg) <= PoseToleranceDegrees && Math.Abs(read.LeftLeg - asked.LeftLeg) <= PoseToleranceDegrees;
    }
}
