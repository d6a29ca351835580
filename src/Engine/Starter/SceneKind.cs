namespace DreamTuner.Engine.Starter;

/// <summary>The procedurally drawn background (a scene attribute).</summary>
public enum SceneKind
{
    Snow,
    Beach,
    Jungle,
    Night,
    City,
    PlainWhite,
    Desert,
    Underwater,
}
