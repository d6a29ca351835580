namespace DreamTuner.Engine.Starter;

/// <summary>Where the sprite stands across the image (a scene attribute).</summary>
public enum HorizontalPosition
{
    Left,
    Center,
    Right,
}
