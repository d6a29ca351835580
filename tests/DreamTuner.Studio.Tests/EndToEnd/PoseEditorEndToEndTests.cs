using System.Globalization;
using System.Text.RegularExpressions;
using DreamTuner.Data.Poses;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Playwright;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The real studio in headless Chromium: the right wrist of the standing skeleton is dragged with the mouse on the
/// editor's canvas, nudged with the keyboard, the pose saved by name, and the server's rendered control image checked
/// against the standing preset's: changed at the wrist's old and new places, unchanged away from the forearm. Then
/// "Use this pose" hands it to the Generate page as its pose control image.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class PoseEditorEndToEndTests
{
    private const int Side = 512;
    private const int Wrist = 4, Elbow = 3;

    [Fact]
    public async Task Dragging_a_joint_and_saving_changes_the_rendered_control_image_only_around_the_moved_forearm()
    {
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserSession.LaunchAsync(playwright);
        var user = await BrowserSession.OpenAsync(browser, studio, "poser");
        var page = user.Page;

        try
        {
            await user.SignUpAsync("pia");
            await user.CreateProjectAsync("Dance");
            await page.Locator("#poses-link").ClickAsync();
            await page.WaitForURLAsync("**/poses");
            await user.WaitForInteractivityAsync();
            await Assertions.Expect(page.Locator("#no-poses")).ToBeVisibleAsync();
            await page.Locator("#pose-preset-standing").ClickAsync();
            // The canvas takes drags once its script has attached (seconds after the page on a loaded machine).
            await page.Locator("#pose-canvas[data-ready='true']").WaitForAsync();

            // Drag the right wrist (on the viewer's left) down and out, by the mouse, from where the canvas draws it.
            var box = (await page.Locator("#pose-canvas").BoundingBoxAsync())!;
            var from = OnScreen(box, PosePresets.Standing[Wrist]!.Value);
            var to = OnScreen(box, new PosePoint(200, 700));
            await page.Mouse.MoveAsync(from.X, from.Y);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 10 });
            await page.Mouse.UpAsync();
            await Assertions.Expect(page.Locator("#pose-selected-name")).ToHaveTextAsync("right wrist");
            await Assertions.Expect(page.Locator("#pose-selected")).Not.ToContainTextAsync("(380, 530)");

            // Keyboard: Tab selects the next joint, Shift+Tab comes back, arrows move the selected joint 5 units a press.
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.Locator("#pose-selected-name")).ToHaveTextAsync("left shoulder");
            await page.Keyboard.PressAsync("Shift+Tab");
            await Assertions.Expect(page.Locator("#pose-selected-name")).ToHaveTextAsync("right wrist");
            var dragged = await SelectedPointAsync(page);
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(page.Locator("#pose-selected")).ToContainTextAsync($"({dragged.X}, {dragged.Y + 10})");
            var wrist = await SelectedPointAsync(page);
            Assert.InRange(wrist.X, 185, 215);
            Assert.InRange(wrist.Y, 695, 725);

            await page.Locator("#pose-name").FillAsync("Reach down");
            await page.Locator("#pose-save").ClickAsync();
            await Assertions.Expect(page.Locator("#pose-notice")).ToHaveTextAsync("Saved \"Reach down\".");
            var item = page.Locator("[data-pose-name='Reach down']");
            await Assertions.Expect(item).ToBeVisibleAsync();
            await user.Shots.TakeAsync("pose-editor");

            var thumb = await item.Locator("img").GetAttributeAsync("src") ?? "";
            Assert.Contains("/control.png?", thumb, StringComparison.Ordinal);
            var controlUrl = thumb[..thumb.IndexOf('?', StringComparison.Ordinal)];
            var response = await page.Context.APIRequest.GetAsync($"{controlUrl}?width={Side}&height={Side}");
            Assert.Equal(200, response.Status);
            Assert.Equal("image/png", response.Headers["content-type"]);
            using var rendered = SKBitmap.Decode(await response.BodyAsync());
            Assert.Equal((Side, Side), (rendered.Width, rendered.Height));

            var before = OpenPoseRenderer.Render(PosePresets.Standing, Side, Side);
            var oldAt = OpenPoseRenderer.ToPixels(PosePresets.Standing[Wrist]!.Value, Side, Side);
            var newAt = OpenPoseRenderer.ToPixels(wrist, Side, Side);
            var elbow = OpenPoseRenderer.ToPixels(PosePresets.Standing[Elbow]!.Value, Side, Side);
            Assert.Equal(OpenPoseBody.Colours[Wrist], Pixel(rendered, newAt));
            Assert.Equal(new PoseColour(0, 0, 0), Pixel(rendered, oldAt));
            Assert.Equal(OpenPoseBody.Colours[Wrist], At(before, (int)Math.Round(oldAt.X), (int)Math.Round(oldAt.Y)));
            int nearOld = 0, nearNew = 0;
            for (var y = 0; y < Side; y++)
            {
                for (var x = 0; x < Side; x++)
                {
                    var now = rendered.GetPixel(x, y);
                    if (new PoseColour(now.Red, now.Green, now.Blue) == At(before, x, y))
                        continue;
                    var toOld = DistanceToSegment(x, y, elbow, oldAt);
                    var toNew = DistanceToSegment(x, y, elbow, newAt);
                    Assert.True(Math.Min(toOld, toNew) <= OpenPoseRenderer.DotRadius + 1.5, $"pixel ({x}, {y}) changed far from the forearm");
                    if (Distance(x, y, oldAt) <= OpenPoseRenderer.DotRadius)
                        nearOld++;
                    if (Distance(x, y, newAt) <= OpenPoseRenderer.DotRadius)
                        nearNew++;
                }
            }
            Assert.True(nearOld > 20, $"only {nearOld} pixels changed at the wrist's old place");
            Assert.True(nearNew > 20, $"only {nearNew} pixels changed at the wrist's new place");

            // "Use this pose": the Generate page starts with it as the pose control image.
            var generateUrl = await item.Locator(".dt-pose-generate").GetAttributeAsync("href") ?? "";
            Assert.Contains("/generate?pose=", generateUrl, StringComparison.Ordinal);
            await item.Locator(".dt-pose-generate").ClickAsync();
            await page.WaitForURLAsync("**/generate?pose=*");
            await Assertions.Expect(page.Locator("#control-image-name")).ToContainTextAsync("pose \"Reach down\" (512x512)", new() { Timeout = 90_000 });
            await user.Shots.TakeAsync("pose-on-generate");

            // Under CI load an event can reach the server after the re-render that removed its element (a key or pointer
            // event on the canvas); Blazor then refuses it with this console error and the circuit carries on. Every
            // effect the test needs is asserted above; any other console error still fails it.
            Assert.DoesNotContain(user.Problems, p => !p.Contains("exception invoking 'DispatchEventAsync'", StringComparison.Ordinal));
        }
        catch (Exception) when (Capture(user, studio))
        {
            throw;
        }
    }

    /// <summary>Where the canvas shows a pose point, in page coordinates (pose-editor.js's mapping, scaled to the element).</summary>
    private static (float X, float Y) OnScreen(LocatorBoundingBoxResult box, PosePoint point) =>
        ((float)(box.X + point.X * (Side - 1.0) / BodyPose.Extent * box.Width / Side),
         (float)(box.Y + point.Y * (Side - 1.0) / BodyPose.Extent * box.Height / Side));

    private static async Task<PosePoint> SelectedPointAsync(IPage page)
    {
        var match = SelectedAt().Match(await page.Locator("#pose-selected").TextContentAsync() ?? "");
        Assert.True(match.Success, "no joint position shown");
        return new PosePoint(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static PoseColour Pixel(SKBitmap bitmap, (double X, double Y) at)
    {
        var c = bitmap.GetPixel((int)Math.Round(at.X), (int)Math.Round(at.Y));
        return new PoseColour(c.Red, c.Green, c.Blue);
    }

    private static PoseColour At(byte[] rgb, int x, int y)
    {
        var i = (y * Side + x) * 3;
        return new PoseColour(rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    private static double Distance(double x, double y, (double X, double Y) p) => Math.Sqrt(Math.Pow(x - p.X, 2) + Math.Pow(y - p.Y, 2));

    private static double DistanceToSegment(double x, double y, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        var t = Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
        return Distance(x, y, (a.X + t * dx, a.Y + t * dy));
    }

    private static bool Capture(BrowserSession session, RunningStudio studio)
    {
        try
        {
            session.Shots.TakeAsync("pose-editor-failure").GetAwaiter().GetResult();
        }
        catch (PlaywrightException)
        {
            // the page may be gone
        }

        foreach (var p in session.Problems)
            Console.Error.WriteLine("problem: " + p);
        studio.KeepLog(nameof(PoseEditorEndToEndTests));
        return false;
    }

    [GeneratedRegex(@"at \((\d+), (\d+)\)")]
    private static partial Regex SelectedAt();
}
