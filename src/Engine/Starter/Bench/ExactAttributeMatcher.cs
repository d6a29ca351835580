using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// The bench's matching rules: attribute by attribute equality, colours of a pattern or accessory only counted where
/// the identity has one, position as both axes together; emblem cells and poses by the evaluator's own rules
/// (<see cref="SpriteMatch"/>), so the bench and the evaluator's accuracy.json judge alike.
/// </summary>
public sealed class ExactAttributeMatcher : ISpriteAttributeMatcher
{
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

    public double EmblemMatch(SpriteReading reading, int emblem) => SpriteMatch.EmblemMatch(reading, emblem);

    public IReadOnlyDictionary<string, bool> SceneAttributes(SpriteReading reading, StarterExample example)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(example);
        return new Dictionary<string, bool>
        {
            ["scene"] = reading.Scene == example.Scene,
            ["position"] = reading.Horizontal == example.Horizontal && reading.Vertical == example.Vertical,
            ["scale"] = reading.Scale == example.Scale,
            ["pose"] = SpriteMatch.PoseMatches(reading.Pose, example.Pose),
        };
    }
}
