namespace DreamTuner.Engine.Imaging;

/// <summary>The image formats the studio accepts, as decided from a file's first bytes.</summary>
public enum ImageFormat
{
    Png,
    Jpeg,
    Webp,
}
