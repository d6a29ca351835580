namespace DreamTuner.Engine.Starter;

/// <summary>RGB values and caption words of the named colours.</summary>
public static class StarterPalette
{
    public static Rgb ToRgb(this StarterColour colour) => colour switch
    {
        StarterColour.Red => new Rgb(220, 40, 40),
        StarterColour.Orange => new Rgb(245, 140, 30),
        StarterColour.Yellow => new Rgb(245, 210, 40),
        StarterColour.Green => new Rgb(60, 170, 70),
        StarterColour.Blue => new Rgb(50, 100, 220),
        StarterColour.Purple => new Rgb(140, 70, 190),
        StarterColour.Pink => new Rgb(245, 140, 190),
        StarterColour.Brown => new Rgb(130, 85, 50),
        StarterColour.Black => new Rgb(35, 35, 40),
        StarterColour.White => new Rgb(245, 245, 245),
        StarterColour.Grey => new Rgb(140, 140, 145),
        StarterColour.Teal => new Rgb(30, 160, 160),
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "StarterColour does not exist"),
    };

    public static string Word(this StarterColour colour) => colour.ToString().ToLowerInvariant();
}
