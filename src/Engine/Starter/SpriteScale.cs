namespace DreamTuner.Engine.Starter;

/// <summary>How large the sprite is drawn relative to the image (a scene attribute).</summary>
public enum SpriteScale
{
    Small,
    Medium,
    Large,
}
