namespace DreamTuner.Engine.Starter;

/// <summary>The named colours of the world; <see cref="StarterPalette"/> gives their RGB values and caption words.</summary>
public enum StarterColour
{
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    Pink,
    Brown,
    Black,
    White,
    Grey,
    Teal,
}
