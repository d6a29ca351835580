namespace DreamTuner.Studio.Tests.Support;

/// <summary>The abuse cases as real bytes, and as files with misleading names for the browser tests.</summary>
public static class UploadAbuseFiles
{
    /// <summary>Kind → the file name a user would pick (every one ends in .png whatever the bytes are).</summary>
    public static IReadOnlyDictionary<string, string> FileNames { get; } = new Dictionary<string, string>
    {
        ["truncated-png"] = "truncated.png",
        ["png-header-10000x10000"] = "huge-header.png",
        ["50-mb"] = "fifty-megabytes.png",
        ["text-named-png"] = "notes.png",
        ["jpeg-named-png"] = "rocket.png",
    };

    public static byte[] Bytes(string kind) => kind switch
    {
        // The real sample cut after 40% of its bytes: the header is intact, the pixel data ends early.
        "truncated-png" => TestImages.Read("horse-cutout.png")[..(TestImages.Read("horse-cutout.png").Length * 2 / 5)],
        // A valid PNG structure of a few hundred bytes whose header claims 10000x10000 pixels.
        "png-header-10000x10000" => TestImages.PngBomb(10000, 10000),
        // A real PNG followed by padding up to 50 MB: only the size is wrong.
        "50-mb" => Pad(TestImages.Read("horse-cutout.png"), 50 * 1024 * 1024),
        "text-named-png" => "These are my notes, not a picture.\n"u8.ToArray(),
        "jpeg-named-png" => TestImages.Read("rocket.jpg"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown abuse case"),
    };

    /// <summary>Writes every case under its misleading name into <paramref name="folder"/>; returns kind → path.</summary>
    public static IReadOnlyDictionary<string, string> WriteAll(string folder)
    {
        var paths = new Dictionary<string, string>();
        foreach (var (kind, name) in FileNames)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllBytes(path, Bytes(kind));
            paths[kind] = path;
        }

        return paths;
    }

    private static byte[] Pad(byte[] start, int length)
    {
        var bytes = new byte[length];
        start.CopyTo(bytes, 0);
        return bytes;
    }
}
