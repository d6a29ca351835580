using DreamTuner.Engine.Starter.Evaluation;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// Compares what a reader saw with what was asked for (<see cref="ExactAttributeMatcher"/> is the bench's rule set;
/// tests swap in their own).
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
