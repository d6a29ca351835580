using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>Full-page screenshots under artifacts/screenshots at the repository root (beside DreamTuner.sln).</summary>
public sealed class Screenshots(IPage page)
{
    public static string Folder { get; } = FindFolder();

    /// <summary>What went wrong in the browser so far, printed with a failure.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public async Task TakeAsync(string name)
        => await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });

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
