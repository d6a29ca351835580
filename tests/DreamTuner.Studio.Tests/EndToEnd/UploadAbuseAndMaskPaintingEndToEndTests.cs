using DreamTuner.Data.Tests.Support;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The real studio in headless Chromium: every abuse case of the issue through the upload form (each shows which
/// limit, nothing is stored), a JPEG named .png accepted as JPEG, then its mask painted with the keyboard shortcuts and
/// the mouse, and saved without touching the original; the square crop around the painted subject is outlined.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UploadAbuseAndMaskPaintingEndToEndTests
{
    private static readonly (string Kind, string Message)[] Refusals =
    [
        ("truncated-png", "Not accepted: the PNG data is truncated or damaged."),
        ("png-header-10000x10000", "Not accepted: the image declares 10000x10000 px (100.0 megapixels); the limit is 16.8 megapixels."),
        ("50-mb", "Not accepted: the file is 50 MB; the limit is 20 MB."),
        ("text-named-png", "Not accepted: the file is not a PNG, JPEG or WebP image."),
    ];

    [Fact]
    public async Task Each_abuse_case_shows_its_limit_and_stores_nothing_then_a_painted_mask_is_saved_beside_the_untouched_original()
    {
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(90));
        using var files = new TempFolder();
        var paths = UploadAbuseFiles.WriteAll(files.Path);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserSession.LaunchAsync(playwright);
        var user = await BrowserSession.OpenAsync(browser, studio, "uploader");
        var page = user.Page;

        try
        {
            await user.SignUpAsync("uma");
            await user.CreateProjectAsync("Rockets");

            foreach (var (kind, message) in Refusals)
            {
                await user.ChooseCharacterImageAsync(paths[kind]);
                if (kind == Refusals[0].Kind)
                {
                    await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Rocket");
                    await page.GetByLabel("Class word").FillAsync("rocket");
                    await page.GetByLabel("Class word").PressAsync("Tab");
                }

                await page.Locator("#create-character").ClickAsync();
                await Assertions.Expect(page.Locator("#upload-error")).ToHaveTextAsync(message, new() { Timeout = 60_000 });
                await user.Shots.TakeAsync("upload-refused-" + kind);
            }

            await Assertions.Expect(page.Locator("#no-characters")).ToBeVisibleAsync();
            Assert.Empty(BlobFiles(studio));

            // JPEG bytes under a .png name: accepted, as JPEG, byte for byte.
            await user.ChooseCharacterImageAsync(paths["jpeg-named-png"]);
            await page.Locator("#create-character").ClickAsync();
            await page.WaitForURLAsync("**/characters/*");
            await Assertions.Expect(page.Locator("#character-details")).ToContainTextAsync("image/jpeg");
            await Assertions.Expect(page.Locator("#no-mask")).ToBeVisibleAsync();
            var imageUrl = await page.Locator("#character-image").GetAttributeAsync("src");
            var original = UploadAbuseFiles.Bytes("jpeg-named-png");
            Assert.Equal(original, await (await page.Context.APIRequest.GetAsync(imageUrl!)).BodyAsync());

            // Paint: B brush, ] bigger, a stroke; E eraser, a stroke; Ctrl+Z takes the eraser stroke back.
            await page.Locator("#paint-mask").ClickAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('#mask-canvas')?.width === 640");
            await Assertions.Expect(page.Locator("#mask-save")).ToBeEnabledAsync();
            var before = int.Parse(await page.Locator("#mask-size-value").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await page.Locator("#mask-painter").FocusAsync();
            await page.Keyboard.PressAsync("b");
            await page.Keyboard.PressAsync("]");
            await page.Keyboard.PressAsync("]");
            await Assertions.Expect(page.Locator("#mask-size-value")).Not.ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var box = (await page.Locator("#mask-canvas").BoundingBoxAsync())!;
            await Stroke(page, box, 0.35, 0.5, 0.65, 0.5);
            await Assertions.Expect(page.Locator("#mask-help")).ToContainTextAsync("1 stroke can be undone");
            await page.Keyboard.PressAsync("e");
            await Assertions.Expect(page.Locator("#mask-eraser")).ToHaveAttributeAsync("aria-pressed", "true");
            await Stroke(page, box, 0.5, 0.3, 0.5, 0.7);
            await Assertions.Expect(page.Locator("#mask-help")).ToContainTextAsync("2 strokes can be undone");
            await page.Locator("#mask-painter").FocusAsync();
            await page.Keyboard.PressAsync("Control+z");
            await Assertions.Expect(page.Locator("#mask-help")).ToContainTextAsync("1 stroke can be undone");
            await user.Shots.TakeAsync("mask-painting");
            await page.Locator("#mask-save").ClickAsync();

            await Assertions.Expect(page.Locator("#character-mask")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#mask-state")).ToContainTextAsync("yes");
            await Assertions.Expect(page.Locator("#subject-crop")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#crop-state")).ToContainTextAsync("around the subject");
            await page.WaitForFunctionAsync("() => { const m = document.querySelector('#character-mask'); return m && m.complete && m.naturalWidth === 640; }");
            // The brush stroke across the middle is subject; the corner is background; the undone eraser left no gap.
            var samples = await page.EvaluateAsync<int[]>("""
                () => {
                    const m = document.querySelector('#character-mask');
                    const c = document.createElement('canvas'); c.width = m.naturalWidth; c.height = m.naturalHeight;
                    const x = c.getContext('2d'); x.drawImage(m, 0, 0);
                    const at = (fx, fy) => x.getImageData(Math.round(fx * c.width), Math.round(fy * c.height), 1, 1).data[0];
                    return [at(0.5, 0.5), at(0.4, 0.5), at(0.05, 0.05)];
                }
                """);
            Assert.Equal([255, 255, 0], samples);
            Assert.Equal(original, await (await page.Context.APIRequest.GetAsync(imageUrl!)).BodyAsync());
            await user.Shots.TakeAsync("mask-saved");

            // Dark theme, and the page still reads.
            await page.Locator("#theme-toggle").ClickAsync();
            await Assertions.Expect(page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
            await user.Shots.TakeAsync("mask-saved-dark");

            Assert.Empty(user.Problems);
        }
        catch (Exception) when (Capture(user, studio))
        {
            throw;
        }
    }

    private static async Task Stroke(IPage page, LocatorBoundingBoxResult box, double x0, double y0, double x1, double y1)
    {
        await page.Mouse.MoveAsync((float)(box.X + (box.Width * x0)), (float)(box.Y + (box.Height * y0)));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + (box.Width * x1)), (float)(box.Y + (box.Height * y1)), new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Finished blobs in the studio's store (temp files of a write in progress start with a dot).</summary>
    // The studio keeps its Data Protection key ring under the blob root too (shared by every instance); those are not blobs.
    private static string[] BlobFiles(RunningStudio studio) => Directory.Exists(studio.BlobRoot)
        ? Directory.GetFiles(studio.BlobRoot, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Where(f => !Path.GetRelativePath(studio.BlobRoot, f).StartsWith(DreamTuner.Studio.Extensions.StudioScaleOutExtensions.KeysFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray()
        : [];

    private static bool Capture(BrowserSession session, RunningStudio studio)
    {
        try
        {
            session.Shots.TakeAsync("upload-mask-failure").GetAwaiter().GetResult();
        }
        catch (PlaywrightException)
        {
            // the page may be gone
        }

        foreach (var p in session.Problems)
            Console.Error.WriteLine("problem: " + p);
        studio.KeepLog(nameof(UploadAbuseAndMaskPaintingEndToEndTests));
        return false;
    }
}
