using DreamTuner.Studio.Tests.Support;
using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The real studio in headless Chromium: sign up, create a project, upload a photo as a character. Screenshots go
/// to artifacts/screenshots; any content-security-policy violation the browser reports fails the test.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CharacterFromOneImageEndToEndTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [Fact]
    public async Task New_user_signs_up_creates_a_project_and_makes_a_character_from_one_photo()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: apt-get install -y chromium");
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags });
        var context = await browser.NewContextAsync(new() { BaseURL = studio.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                problems.Add(m.Text);
        };
        page.PageError += (_, e) => problems.Add(e);
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
                problems.Add($"HTTP {r.Status}: {r.Url}");
        };
        var shots = new Screenshots(page) { Problems = problems };

        try
        {
            // Sign up (a static form; Enter submits).
            await page.GotoAsync("account/register");
            await page.GetByLabel("User name").FillAsync("ada");
            await page.GetByLabel("E-mail").FillAsync("ada@example.test");
            await page.Locator("#register-password").FillAsync(StudioBrowserlessClient.Password);
            await page.Locator("#register-confirm").FillAsync(StudioBrowserlessClient.Password);
            await shots.TakeAsync("01-sign-up");
            await page.Locator("#register-confirm").PressAsync("Enter");
            await page.WaitForURLAsync("**/projects");
            await WaitForInteractivityAsync(page);
            await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("ada");
            await shots.TakeAsync("02-projects");

            // Create a project (keyboard: type the name, press Enter).
            await BrowserSession.CreateProjectAsync(page, "Cat stories");
            await Assertions.Expect(page.Locator("#project-title")).ToHaveTextAsync("Cat stories");
            await Assertions.Expect(page.Locator("#project-role")).ToContainTextAsync("Owner");
            await shots.TakeAsync("03-project");

            // Upload chelsea.png through the picker's input and describe the character.
            await BrowserSession.ChooseCharacterImageAsync(page, TestImages.PathOf("chelsea.png"));
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Chelsea");
            await page.GetByLabel("Class word").FillAsync("cat");
            await page.GetByLabel("Class word").PressAsync("Tab");
            await page.GetByLabel("Caption (optional)").FillAsync("a tabby cat looking up");
            await shots.TakeAsync("04-upload-form");
            await page.Locator("#create-character").ClickAsync();

            await page.WaitForURLAsync("**/characters/*");
            await Assertions.Expect(page.Locator("#character-title")).ToHaveTextAsync("Chelsea");
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('#character-image'); return i && i.complete && i.naturalWidth === 451; }");
            await Assertions.Expect(page.Locator("#character-details")).ToContainTextAsync("image/png");
            await Assertions.Expect(page.Locator("#ready-note")).ToContainTextAsync("without training");
            await shots.TakeAsync("05-character");

            // The theme toggle remembers dark mode in a cookie.
            await page.Locator("#theme-toggle").ClickAsync();
            await Assertions.Expect(page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
            await page.WaitForFunctionAsync("() => document.cookie.includes('dt-theme=dark')");
            await shots.TakeAsync("06-character-dark");

            Assert.Empty(problems);
        }
        catch (Exception) when (Capture(shots, studio))
        {
            throw;
        }
    }

    private static async Task WaitForInteractivityAsync(IPage page)
        => await page.Locator("#main[data-interactive='true']").WaitForAsync();

    /// <summary>Keeps a screenshot of the failure and prints the studio's log; never handles the exception.</summary>
    private static bool Capture(Screenshots shots, RunningStudio studio)
    {
        try
        {
            shots.TakeAsync("failure").GetAwaiter().GetResult();
        }
        catch (PlaywrightException)
        {
            // the page may be gone
        }

        studio.KeepLog(nameof(CharacterFromOneImageEndToEndTests));
        foreach (var p in shots.Problems)
            Console.Error.WriteLine("problem: " + p);
        return false;
    }
}
