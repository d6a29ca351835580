namespace DreamTuner.Engine.Starter;

/// <summary>How the sprite's eyes look (an identity attribute).</summary>
public enum EyeKind
{
    Dots,
    Googly,
    Sleepy,
    Angry,
    Cyclops,
}
