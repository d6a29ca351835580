using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// One person's browser context on the running studio (own cookies), with what the end-to-end tests do repeatedly:
/// sign up, wait for interactivity, and a record of every console error, CSP violation, failed request and 4xx/5xx.
/// </summary>
public sealed class BrowserSession
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private BrowserSession(string name, IPage page, List<string> problems)
    {
        Name = name;
        Page = page;
        Problems = problems;
        Shots = new Screenshots(page) { Problems = problems };
    }

    public string Name { get; }

    public IPage Page { get; }

    public List<string> Problems { get; }

    public Screenshots Shots { get; }

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: apt-get install -y chromium");
        // A circuit round trip can take seconds on a loaded 2-core machine; 5 s (the default) fails for no reason.
        Assertions.SetDefaultExpectTimeout(30_000);
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags });
    }

    /// <param name="expectedStatuses">Statuses the test provokes on purpose (not problems).</param>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, RunningStudio studio, string name, params int[] expectedStatuses)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = studio.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 860 } });
        var page = await context.NewPageAsync();
        // Test assemblies run in parallel and the engine's tests keep both cores busy: one page step can take tens of seconds.
        page.SetDefaultTimeout(60_000);
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                problems.Add($"{name}: {m.Text}");
        };
        page.PageError += (_, e) => problems.Add($"{name}: {e}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !expectedStatuses.Contains(r.Status))
                problems.Add($"{name}: HTTP {r.Status}: {r.Url}");
        };
        return new BrowserSession(name, page, problems);
    }

    /// <summary>Signs up through the register form; lands on the project list, interactive.</summary>
    public async Task SignUpAsync(string userName)
    {
        await Page.GotoAsync("account/register");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("E-mail").FillAsync(userName + "@example.test");
        await Page.Locator("#register-password").FillAsync(StudioBrowserlessClient.Password);
        await Page.Locator("#register-confirm").FillAsync(StudioBrowserlessClient.Password);
        await Page.Locator("#register-confirm").PressAsync("Enter");
        await Page.WaitForURLAsync("**/projects");
        await WaitForInteractivityAsync();
    }

    /// <summary>Clicks on the prerendered page are lost: wait until the circuit has started.</summary>
    public async Task WaitForInteractivityAsync()
        => await Page.Locator("#main[data-interactive='true']").WaitForAsync(new() { Timeout = 90_000 });

    /// <summary>
    /// Chooses <paramref name="path"/> in the character upload and waits until the form shows it. Right after a
    /// navigation the project page can still be re-rendering (its live subscriptions start, then its data reloads) and
    /// a choice made then is lost; when the form does not show the file, this reloads the page, waits for the circuit
    /// and chooses again, as a person would.
    /// </summary>
    public async Task ChooseCharacterImageAsync(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        for (int attempt = 1; ; attempt++)
        {
            await Page.Locator("#character-upload input[type=file]").Last.SetInputFilesAsync(path);
            try
            {
                await Assertions.Expect(Page.Locator("#chosen-file")).ToContainTextAsync(name, new() { Timeout = attempt < 3 ? 10_000 : 30_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await GotoAsync(Page.Url);
                await Page.Locator("#character-upload").WaitForAsync();
            }
        }
    }

    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url);
        await WaitForInteractivityAsync();
    }
}
