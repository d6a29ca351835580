namespace DreamTuner.Engine.Starter;

/// <summary>What is painted on the body in the pattern colour (an identity attribute).</summary>
public enum BodyPattern
{
    None,
    Stripes,
    Dots,
    Checks,
    Zigzags,
}
