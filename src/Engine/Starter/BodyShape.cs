namespace DreamTuner.Engine.Starter;

/// <summary>The outline of a sprite's body (an identity attribute).</summary>
public enum BodyShape
{
    Round,
    Square,
    Triangle,
    Star,
    Blob,
    TallOval,
    Diamond,
}
