namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>One cell's picture (PNG/JPEG/WebP bytes), or null with a word saying why there is none ("failed").</summary>
public sealed record SweepGridCell(byte[]? Image, string? Note = null);
