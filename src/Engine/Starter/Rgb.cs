namespace DreamTuner.Engine.Starter;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb Black = new(0, 0, 0);

    /// <summary>Moves each channel <paramref name="amount"/>/256 of the way to <paramref name="target"/> (integer maths, so exact everywhere).</summary>
    public Rgb MixTowards(Rgb target, int amount) => new(
        (byte)(R + (target.R - R) * amount / 256),
        (byte)(G + (target.G - G) * amount / 256),
        (byte)(B + (target.B - B) * amount / 256));

    public int Luma => (R * 299 + G * 587 + B * 114) / 1000;
}
