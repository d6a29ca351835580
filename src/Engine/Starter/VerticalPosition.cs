namespace DreamTuner.Engine.Starter;

/// <summary>Where the sprite stands up and down the image (a scene attribute).</summary>
public enum VerticalPosition
{
    Top,
    Bottom,
}
