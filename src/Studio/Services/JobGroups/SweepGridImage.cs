using SkiaSharp;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>The composed grid: the PNG, its size, where each label and each cell (row by row) were drawn.</summary>
public sealed record SweepGridImage(byte[] Png, int Width, int Height, IReadOnlyList<SweepGridLabel> Labels, IReadOnlyList<SKRectI> Cells);
