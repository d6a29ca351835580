using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Compares what a reader saw with what was asked for. Kept behind an interface so the bench can use the
/// evaluator's own matching rules (<c>SpriteMatch</c>) once they are merged; <see cref="ExactAttributeMatcher"/>
/// is the rule set used until then.
/// </summary>
public interface ISpriteAttributeMatcher
{
    /// <summary>Each identity attribute the identity has (colours only where there is a pattern/accessory) -> read correctly.</summary>
    IReadOnlyDictionary<string, bool> IdentityAttributes(SpriteReading reading, SpriteIdentity identity);

    /// <summary>Fraction of the emblem's free glyph cells read correctly.</summary>
    double EmblemMatch(SpriteReading reading, int emblem);

    /// <summary>Scene, position, scale and pose -> read correctly.</summary>
    IReadOnlyDictionary<string, bool> SceneAttributes(SpriteReading reading, StarterExample example);
}
