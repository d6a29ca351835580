namespace DreamTuner.Engine.Imaging;

/// <summary>Format and stored size of an image, read from its header without decoding pixels.</summary>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long Pixels => (long)Width * Height;
}
