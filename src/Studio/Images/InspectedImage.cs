namespace DreamTuner.Studio.Images;

/// <summary>What the bytes of an accepted upload are: format (from the bytes, never the name), size and whether it carries alpha.</summary>
public sealed record InspectedImage(string Format, string ContentType, int Width, int Height, bool HasAlpha);
