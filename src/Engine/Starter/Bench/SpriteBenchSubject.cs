namespace DreamTuner.Engine.Starter.Bench;

/// <summary>A held-out identity and its one reference image (the identity in a random scene), with the targets it is asked for.</summary>
public sealed record SpriteBenchSubject(string Name, StarterSplitKind Split, StarterExample Reference, IReadOnlyList<SpriteBenchTarget> Targets);
