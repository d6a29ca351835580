namespace DreamTuner.Engine.Starter;

/// <summary>What the sprite wears, drawn in the accessory colour (an identity attribute).</summary>
public enum Accessory
{
    None,
    Hat,
    Bow,
    Scarf,
    Glasses,
    Crown,
}
