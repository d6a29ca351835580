using SkiaSharp;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>A text drawn on the grid and the box it was drawn in (pixels of the composed image).</summary>
public sealed record SweepGridLabel(string Text, SKRectI Bounds);
