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
    public Task SignUpAsync(string userName) => SignUpAsync(Page, userName);

    /// <summary>
    /// Signs up through the register form (a static page, a plain POST) and lands on the project list, interactive.
    /// When no project list follows in 30 s, it opens the project list: signed in (the first POST did create the
    /// account) that is where it lands; otherwise it signs up again. A second failure says what the page showed.
    /// </summary>
    public static async Task SignUpAsync(IPage page, string userName)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("account/register");
            await page.GetByLabel("User name").FillAsync(userName);
            await page.GetByLabel("E-mail").FillAsync(userName + "@example.test");
            await page.Locator("#register-password").FillAsync(StudioBrowserlessClient.Password);
            await page.Locator("#register-confirm").FillAsync(StudioBrowserlessClient.Password);
            await page.Locator("#register-confirm").PressAsync("Enter");
            try
            {
                await page.WaitForURLAsync("**/projects", new() { Timeout = 30_000 });
                await WaitForInteractivityAsync(page);
                return;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                Console.Error.WriteLine($"signing up {userName} did not reach the project list; the page at {page.Url} shows: {await VisibleTextAsync(page)}");
                await page.GotoAsync("projects");
                if (new Uri(page.Url).AbsolutePath.EndsWith("/projects", StringComparison.Ordinal))
                {
                    await WaitForInteractivityAsync(page);
                    return;
                }
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"signing up {userName} twice did not reach the project list; the page at {page.Url} shows: {await VisibleTextAsync(page)}", e);
            }
        }
    }

    private static async Task<string> VisibleTextAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        return text.Length <= 600 ? text : text[..600];
    }

    /// <summary>Clicks on the prerendered page are lost: wait until the circuit has started.</summary>
    public async Task WaitForInteractivityAsync() => await WaitForInteractivityAsync(Page);

    public static async Task WaitForInteractivityAsync(IPage page)
        => await page.Locator("#main[data-interactive='true']").WaitForAsync(new() { Timeout = 90_000 });

    /// <summary>Creates a project from the project list as a keyboard user would (type the name, Enter) and lands on its page.</summary>
    public Task CreateProjectAsync(string name) => CreateProjectAsync(Page, name);

    /// <summary>
    /// CI once saw the Enter land and no project page follow for 60 s on a loaded machine (the name typed while the
    /// page was still settling never reached the server). A person would look at the list and try again; so does this,
    /// and it opens the project instead when the first attempt did create it, so a slow attempt never makes two.
    /// </summary>
    public static async Task CreateProjectAsync(IPage page, string name)
    {
        var field = page.GetByLabel("Name");
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(name);
            await Assertions.Expect(field).ToHaveValueAsync(name);
            await field.PressAsync("Enter");
            try
            {
                await page.WaitForURLAsync("**/projects/*", new() { Timeout = attempt < 3 ? 20_000 : 60_000 });
                await WaitForInteractivityAsync(page);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                var error = page.Locator("#create-project-error");
                var shown = await error.IsVisibleAsync() ? await error.TextContentAsync() : "no message";
                Console.Error.WriteLine($"creating project \"{name}\" did not navigate (attempt {attempt}, {shown}); looking at the list again");
                await page.GotoAsync("projects");
                await WaitForInteractivityAsync(page);
                await page.Locator("#no-projects, .dt-project-link").First.WaitForAsync();
                var created = page.Locator(".dt-project-link", new() { HasTextString = name });
                if (await created.CountAsync() > 0)
                {
                    await created.First.ClickAsync();
                    await page.WaitForURLAsync("**/projects/*");
                    await WaitForInteractivityAsync(page);
                    return;
                }
            }
        }
    }

    /// <summary>The character upload's file input (the last one: a re-render can briefly leave two).</summary>
    private const string CharacterFileInput = "#character-upload input[type=file]";

    public Task ChooseCharacterImageAsync(string path) => ChooseCharacterImageAsync(Page, path);

    /// <summary>
    /// Chooses <paramref name="path"/> in the character upload and waits until the form shows it. Blazor's InputFile
    /// listens for "change" only after its script's <c>init</c> ran (after the component's first interactive render,
    /// which on the project page follows its data load), and a file set before that is silently dropped: CI lost
    /// chelsea.png that way once. So this first waits for the marker <c>init</c> leaves on the element
    /// (<c>_blazorInputFileNextFileId</c>). If the page re-renders the form after that and the form still does not
    /// show the file, it reloads the page and chooses again, as a person would.
    /// </summary>
    public static async Task ChooseCharacterImageAsync(IPage page, string path)
    {
        var name = System.IO.Path.GetFileName(path);
        for (int attempt = 1; ; attempt++)
        {
            await page.WaitForFunctionAsync(
                "selector => { const i = [...document.querySelectorAll(selector)].pop(); return i !== undefined && i._blazorInputFileNextFileId !== undefined; }",
                CharacterFileInput, new() { Timeout = 30_000 });
            await page.Locator(CharacterFileInput).Last.SetInputFilesAsync(path);
            try
            {
                await Assertions.Expect(page.Locator("#chosen-file")).ToContainTextAsync(name, new() { Timeout = attempt < 3 ? 10_000 : 30_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                Console.Error.WriteLine($"the upload form did not show {name} (attempt {attempt}); reloading the page");
                await page.GotoAsync(page.Url);
                await WaitForInteractivityAsync(page);
                await page.Locator("#character-upload").WaitForAsync();
            }
        }
    }

    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url);
        await WaitForInteractivityAsync();
    }
}
