namespace DreamTuner.Engine.Starter;

/// <summary>
/// Everything that makes a sprite "the same character" across scenes and poses. The pattern colour is null
/// exactly when there is no pattern, and the accessory colour exactly when there is no accessory, so each
/// distinct look has one identity (and one <see cref="Key"/>).
/// </summary>
public sealed record SpriteIdentity(
    BodyShape Shape,
    StarterColour BodyColour,
    BodyPattern Pattern,
    StarterColour? PatternColour,
    EyeKind Eyes,
    Accessory Accessory,
    StarterColour? AccessoryColour,
    int Emblem)
{
    /// <summary>A stable text id, e.g. <c>round-blue-stripes-white-googly-hat-red-e0423</c>; the split hashes it.</summary>
    public string Key =>
        string.Join("-",
            Shape.ToString().ToLowerInvariant(),
            BodyColour.Word(),
            Pattern.ToString().ToLowerInvariant(),
            PatternColour?.Word() ?? "na",
            Eyes.ToString().ToLowerInvariant(),
            Accessory.ToString().ToLowerInvariant(),
            AccessoryColour?.Word() ?? "na",
            $"e{Emblem:D4}");

    /// <summary>Throws when the colours do not match the pattern/accessory rules or the emblem is out of range.</summary>
    public SpriteIdentity Validate()
    {
        if ((Pattern == BodyPattern.None) != (PatternColour is null))
            throw new ArgumentException($"Pattern {Pattern} with pattern colour {PatternColour?.ToString() ?? "null"}: a colour is needed exactly when there is a pattern");
        if (PatternColour == BodyColour)
            throw new ArgumentException($"Pattern colour {PatternColour} equals body colour {BodyColour}: the pattern would be invisible");
        if ((Accessory == Accessory.None) != (AccessoryColour is null))
            throw new ArgumentException($"Accessory {Accessory} with accessory colour {AccessoryColour?.ToString() ?? "null"}: a colour is needed exactly when there is an accessory");
        if (AccessoryColour == BodyColour)
            throw new ArgumentException($"Accessory colour {AccessoryColour} equals body colour {BodyColour}: the accessory would vanish into the body");
        if (Emblem < 0 || Emblem >= EmblemGlyphs.Count)
            throw new ArgumentException($"Emblem {Emblem} is outside 0..{EmblemGlyphs.Count - 1}");
        return this;
    }
}
