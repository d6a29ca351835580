using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>Full-page screenshots under artifacts/screenshots at the repository root (beside DreamTuner.sln).</summary>
public sealed class Screenshots(IPage page)
{
    public static string Folder { get; } = FindFolder();

    /// <summary>docs/screenshots at the repository root: the pictures the README shows, retaken by the end-to-end tests.</summary>
    public static string DocsFolder { get; } = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Folder))!, "docs", "screenshots");

    /// <summary>What went wrong in the browser so far, printed with a failure.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public async Task TakeAsync(string name)
        => await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });

    /// <summary>A viewport-sized picture for the README (full pages of a long list would be unreadable there).</summary>
    public async Task TakeForDocsAsync(string name)
    {
        Directory.CreateDirectory(DocsFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsFolder, name + ".png") });
        await TakeAsync(name);
    }

    private static string FindFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DreamTuner.sln")))
            dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
