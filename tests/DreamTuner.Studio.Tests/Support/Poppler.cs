using System.Diagnostics;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>Runs poppler-utils (pdftoppm, pdftotext) on a PDF, as a reader would open it.</summary>
public static class Poppler
{
    /// <summary>The first tool not found on PATH, or null.</summary>
    public static string? Missing => new[] { "pdftoppm", "pdftotext" }.FirstOrDefault(t => !OnPath(t));

    /// <summary>Renders every page to PNG at <paramref name="dpi"/>; the files in page order.</summary>
    public static async Task<IReadOnlyList<string>> RenderPagesAsync(string pdf, string folder, int dpi = 40)
    {
        await RunAsync("pdftoppm", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", pdf, Path.Combine(folder, "page"));
        return [.. Directory.GetFiles(folder, "page*.png").Order(StringComparer.Ordinal)];
    }

    public static async Task<string> TextAsync(string pdf)
    {
        var output = Path.ChangeExtension(pdf, ".txt");
        await RunAsync("pdftotext", "-layout", pdf, output);
        return await File.ReadAllTextAsync(output);
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
    }

    private static bool OnPath(string tool)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
}
