namespace DreamTuner.Studio.Services;

/// <summary>The square around a character's subject (from its mask), in pixels of the reference image.</summary>
public sealed record SubjectCrop(int Left, int Top, int Side, int ImageWidth, int ImageHeight);
