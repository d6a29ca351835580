using PdfSharp.Fonts;

namespace DreamTuner.Studio.Services.Export;

/// <summary>
/// PDFsharp's Core build (the one that runs on Linux without GDI) finds no system fonts by itself: every face the PDF
/// asks for is answered with one TrueType file, and bold is simulated when no bold file sits beside it.
/// </summary>
public sealed class StoryboardFontResolver : IFontResolver
{
    private const string Regular = "dt-regular";
    private const string Bold = "dt-bold";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    ];

    private readonly byte[] _regular;
    private readonly byte[]? _bold;

    private StoryboardFontResolver(byte[] regular, byte[]? bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>The font named in the options, else the first of the usual Debian fonts that exists.</summary>
    public static StoryboardFontResolver Load(string? fontPath)
    {
        var path = FontFile(fontPath) ?? throw new InvalidOperationException(
            "No font for the PDF export: install Debian's fonts-dejavu-core, or set Export:FontPath to a .ttf file.");
        var boldPath = BoldBeside(path);
        return new StoryboardFontResolver(File.ReadAllBytes(path), boldPath is null ? null : File.ReadAllBytes(boldPath));
    }

    /// <summary>The configured font file, else the first of the usual Debian fonts that exists, else null.</summary>
    public static string? FontFile(string? fontPath) => fontPath is { Length: > 0 } ? fontPath : Candidates.FirstOrDefault(File.Exists);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        => bold && _bold is not null
            ? new FontResolverInfo(Bold, false, italic)
            : new FontResolverInfo(Regular, bold, italic);

    public byte[]? GetFont(string faceName) => faceName == Bold ? _bold : _regular;

    private static string? BoldBeside(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var bold = Path.Combine(Path.GetDirectoryName(path) ?? "", name.Replace("-Regular", "", StringComparison.Ordinal) + "-Bold.ttf");
        return File.Exists(bold) ? bold : null;
    }
}
