using SkiaSharp;

namespace DreamTuner.Engine.Starter.Bench;

/// <summary>
/// A typeface for plot labels. The NoDependencies Skia build has no fontconfig, so its default typeface may draw
/// nothing on Linux: a TrueType file from the system's font folders is tried first.
/// </summary>
public static class BenchFonts
{
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ];

    public static SKTypeface Typeface()
    {
        foreach (var path in Candidates)
            if (File.Exists(path) && SKTypeface.FromFile(path) is { } typeface)
                return typeface;
        return SKTypeface.CreateDefault();
    }
}
