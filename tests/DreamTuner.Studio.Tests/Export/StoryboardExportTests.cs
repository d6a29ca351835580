using System.IO.Compression;
using System.Net;
using System.Text.Json;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Export;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Generations;
using DreamTuner.Studio.Tests.Support;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Export;

/// <summary>The storyboard PDF sheet and ZIP, opened the way a reader would (poppler for the PDF, a ZIP reader and an image decoder).</summary>
public sealed class StoryboardExportTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    /// <summary>Seven panels (two pages of six): panels 1 and 3 have a pure red take, the others none.</summary>
    private static async Task<(ReviewWorld World, Guid BoardId, byte[] Red)> SetUpAsync(StudioScope scope)
    {
        var w = await ReviewWorld.CreateAsync(scope);
        var red = SolidPng(96, 64, SKColors.Red);
        var redImage = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Owner.Id, red);
        await scope.Get<ReviewService>().SetAsync(w.ProjectId, redImage, w.Owner.Id, ReviewVerdict.Approve, 5);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot: Episode 1", "the opening");
        for (var i = 0; i < 7; i++)
        {
            var panelId = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);
            var version = (await boards.GetAsync(w.ProjectId, board.Id, w.Owner.Id)).Panels[i].Version;
            await boards.UpdatePanelAsync(w.ProjectId, board.Id, panelId, w.Owner.Id, new PanelEdit($"Shot number {i + 1}", $"Line {i + 1}", []), version);
            if (i is 0 or 2)
                await boards.ChooseTakeAsync(w.ProjectId, board.Id, panelId, w.Owner.Id, redImage);
        }

        return (w, board.Id, red);
    }

    [FactRequiringPoppler]
    public async Task Pdf_has_one_page_per_six_panels_with_the_takes_drawn_and_the_panel_text()
    {
        await using var scope = new StudioScope(factory.Services);
        var (w, boardId, _) = await SetUpAsync(scope);

        var (pdf, fileName) = await scope.Get<StoryboardExportService>().PdfAsync(w.ProjectId, boardId, w.Viewer.Id);

        Assert.Equal("pilot-episode-1.pdf", fileName);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, fileName);
        await File.WriteAllBytesAsync(path, pdf);
        var pages = await Poppler.RenderPagesAsync(path, folder.Path);
        Assert.Equal(2, pages.Count);
        File.Copy(pages[0], Path.Combine(Screenshots.Folder, "storyboard-pdf-page-1.png"), overwrite: true); // kept for people to look at
        // Two red takes on page 1 (each about 200 x 130 pt at 40 dpi ~ 110 x 75 px), none on page 2.
        Assert.InRange(RedPixels(pages[0]), 2 * 4000, 2 * 20000);
        Assert.Equal(0, RedPixels(pages[1]));
        var text = await Poppler.TextAsync(path);
        Assert.Contains("Pilot: Episode 1", text);
        Assert.Contains("Panel 7", text);
        Assert.Contains("Shot number 6", text);
        Assert.Contains("Line 7", text);
        Assert.Contains("page 2 of 2", text);
    }

    [Fact]
    public async Task Zip_holds_the_original_takes_and_a_manifest_of_every_panel_with_its_settings()
    {
        await using var scope = new StudioScope(factory.Services);
        var (w, boardId, red) = await SetUpAsync(scope);

        var (zipBytes, fileName) = await scope.Get<StoryboardExportService>().ZipAsync(w.ProjectId, boardId, w.Viewer.Id);

        Assert.Equal("pilot-episode-1.zip", fileName);
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        Assert.Equal(["manifest.json", "panel-01.png", "panel-03.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var name in new[] { "panel-01.png", "panel-03.png" })
        {
            using var entry = new MemoryStream();
            await zip.GetEntry(name)!.Open().CopyToAsync(entry);
            Assert.Equal(red, entry.ToArray());
            using var decoded = SKBitmap.Decode(entry.ToArray());
            Assert.Equal((96, 64), (decoded.Width, decoded.Height));
        }

        using var manifest = await JsonDocument.ParseAsync(zip.GetEntry(StoryboardZipWriter.ManifestName)!.Open());
        var root = manifest.RootElement;
        Assert.Equal("Pilot: Episode 1", root.GetProperty("storyboard").GetProperty("title").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(7, panels.Count);
        Assert.Equal("panel-01.png", panels[0].GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, panels[1].GetProperty("file").ValueKind);
        Assert.Equal("Line 2", panels[1].GetProperty("dialogue").GetString());
        var take = panels[2].GetProperty("take");
        Assert.Equal(("a fox", 7L, 20, "starter"), (take.GetProperty("prompt").GetString(), take.GetProperty("seed").GetInt64(), take.GetProperty("steps").GetInt32(), take.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task Export_urls_are_not_found_for_non_members_and_served_to_members()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var board = await scope.Get<StoryboardService>().CreateAsync(w.ProjectId, w.Owner.Id, "Empty", null);
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<StoryboardExportService>().ZipAsync(w.ProjectId, board.Id, w.Stranger.Id));

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignInAsync(w.Stranger.UserName!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}/export.zip")).StatusCode);
        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);
        var zip = await viewer.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}/export.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        var pdf = await viewer.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}/export.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5]);
    }

    private static byte[] SolidPng(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static int RedPixels(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red > 200 && c.Green < 60 && c.Blue < 60) count++;
            }
        }

        return count;
    }
}
