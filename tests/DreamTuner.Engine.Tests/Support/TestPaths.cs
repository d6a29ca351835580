namespace DreamTuner.Engine.Tests.Support;

/// <summary>Locates the repository's test data (tests/data) and the optional shared folder next to the checkout.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Data => Path.Combine(RepoRoot, "tests", "data");
    public static string Reference => Path.Combine(Data, "reference");
    public static string TinySd15 => Path.Combine(Reference, "tiny-sd15");
    public static string Images => Path.Combine(Data, "images");

    /// <summary>The real CLIP vocabulary lives only in ../shared/data/clip (not copied); null when absent.</summary>
    public static string? SharedClipData
    {
        get
        {
            var dir = Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared", "data", "clip");
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>A fresh folder under the system temp dir, removed by the caller (or left for inspection).</summary>
    public static string NewTempDir(string prefix = "dt-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Copies <paramref name="from"/> with its subfolders into <paramref name="to"/> (a model folder a test may change).</summary>
    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.EnumerateDirectories(from))
            CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "DreamTuner.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("DreamTuner.sln not found above " + AppContext.BaseDirectory);
    }
}
