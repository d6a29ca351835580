using System.Text.Json;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The issue's acceptance test, on the real studio process and a real engine worker (tiny random model): Editor A
/// uploads the horse cut-out and generates, watching previews arrive; member B (Editor) watches the gallery in a second browser
/// context and sees the image appear without reloading; Viewer C sees no Generate button and the server refuses C's
/// generation. Takes the README's screenshots on the way.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TwoBrowserGalleryEndToEndTests(ITestOutputHelper output)
{
    private const int Steps = 12;
    private const int Size = 64;

    /// <summary>Collects every step caption and preview frame the page shows, so skipped frames cannot hide a stuck preview.</summary>
    private const string WatchPreviews = """
        () => {
            window.__dt = { steps: new Set(), previews: new Set() };
            const look = () => {
                document.querySelectorAll('.dt-progress-text').forEach(e => window.__dt.steps.add(e.textContent.trim()));
                document.querySelectorAll('img.dt-generation-preview').forEach(e => window.__dt.previews.add(e.src.length + ':' + e.src.slice(-64)));
            };
            new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;

    [Fact]
    public async Task Editor_sees_live_previews_another_member_sees_the_image_arrive_and_a_viewer_cannot_generate()
    {
        // A long undo window, so a loaded machine cannot turn the Undo click into "too late".
        var settings = new Dictionary<string, string>(RunningEngine.StudioSettings) { ["Gallery__UndoWindow"] = "00:01:00" };
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(120), settings);
        using var engine = await RunningEngine.StartAsync(studio);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserSession.LaunchAsync(playwright);
        var a = await BrowserSession.OpenAsync(browser, studio, "A");
        var b = await BrowserSession.OpenAsync(browser, studio, "B");
        var c = await BrowserSession.OpenAsync(browser, studio, "C");
        BrowserSession[] everyone = [a, b, c];

        try
        {
            await b.SignUpAsync("bea");
            await c.SignUpAsync("cem");
            await a.SignUpAsync("ada");

            // A: project, members (B joins as Editor, the default role; C as Viewer), then the horse as a character.
            await a.CreateProjectAsync("Horse stories");
            var projectUrl = new Uri(a.Page.Url).AbsolutePath.TrimStart('/');
            var projectId = projectUrl.Split('/')[1];
            await a.Page.GetByLabel("Invite by user name or e-mail").FillAsync("bea");
            await a.Page.GetByLabel("Invite by user name or e-mail").PressAsync("Enter");
            await Assertions.Expect(a.Page.Locator("#members")).ToContainTextAsync("bea");
            // The role first: the select's re-render would drop a name typed but not yet committed.
            await a.Page.Locator("#invite-form").GetByText("Editor").ClickAsync();
            await a.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Viewer" }).ClickAsync();
            await Assertions.Expect(a.Page.Locator("#invite-form")).ToContainTextAsync("Viewer");
            await a.Page.GetByLabel("Invite by user name or e-mail").FillAsync("cem");
            await a.Page.GetByLabel("Invite by user name or e-mail").PressAsync("Enter");
            await Assertions.Expect(a.Page.Locator("#members")).ToContainTextAsync("cem");

            await a.ChooseCharacterImageAsync(TestImages.PathOf("horse-cutout.png"));
            await a.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Horse");
            await a.Page.GetByLabel("Class word").FillAsync("horse");
            await a.Page.GetByLabel("Class word").PressAsync("Tab");
            await a.Page.Locator("#create-character").ClickAsync();
            await a.Page.WaitForURLAsync("**/characters/*");
            await Assertions.Expect(a.Page.Locator("#character-mask")).ToBeVisibleAsync();
            await a.GotoAsync(projectUrl);
            await Assertions.Expect(a.Page.Locator("#project-title")).ToHaveTextAsync("Horse stories");
            await a.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('img')].some(i => i.complete && i.naturalWidth === 400)");
            await a.Shots.TakeForDocsAsync("project");

            // B watches the gallery; the marker proves later that the page was never reloaded.
            await b.GotoAsync($"projects/{projectId}/gallery");
            await Assertions.Expect(b.Page.Locator("#gallery-empty")).ToBeVisibleAsync();
            await b.Page.EvaluateAsync("() => { window.__stayed = 'yes'; }");

            // A generates: a small, short run on the tiny model.
            await a.GotoAsync($"projects/{projectId}/generate");
            await a.Page.Locator("#prompt").FillAsync("a horse galloping on a beach at sunset");
            await a.Page.Locator("#steps").FillAsync(Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await a.Page.Locator("#steps").PressAsync("Tab");
            await a.Page.GetByText("Advanced settings").ClickAsync();
            foreach (var side in new[] { "#width", "#height" })
            {
                await a.Page.Locator(side).FillAsync(Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await a.Page.Locator(side).PressAsync("Tab");
            }

            await a.Page.EvaluateAsync(WatchPreviews);
            await a.Page.Locator("#generate-submit").ClickAsync();
            await a.Page.WaitForFunctionAsync("() => window.__dt.previews.size >= 2", null, new() { Timeout = 180_000 });
            await a.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await a.Shots.TakeForDocsAsync("generate");
            await a.Page.WaitForFunctionAsync(
                $"() => {{ const i = document.querySelector('img.dt-generation-image'); return i && i.complete && i.naturalWidth === {Size}; }}",
                null, new() { Timeout = 180_000 });
            var steps = await a.Page.EvaluateAsync<string[]>("() => [...window.__dt.steps]");
            var previews = await a.Page.EvaluateAsync<int>("() => window.__dt.previews.size");
            output.WriteLine($"previews: {previews} distinct frames; step captions: {string.Join(" | ", steps)}");
            Assert.True(steps.Distinct().Count() >= 3, $"step captions seen: {string.Join(" | ", steps)}");
            Assert.True(previews >= 3, $"only {previews} distinct previews arrived");
            Assert.Contains(steps, s => s.StartsWith("Step ", StringComparison.Ordinal) && s.Contains($"/ {Steps}", StringComparison.Ordinal));

            // B: the image is there, without a reload.
            await Assertions.Expect(b.Page.Locator("#gallery .dt-gallery-cell")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await b.Page.WaitForFunctionAsync($"() => {{ const i = document.querySelector('#gallery img'); return i && i.complete && i.naturalWidth === {Size}; }}");
            Assert.Equal("yes", await b.Page.EvaluateAsync<string>("() => window.__stayed"));
            await b.Shots.TakeForDocsAsync("gallery");

            // C, a Viewer: no Generate button anywhere, and the server refuses C's generation.
            await c.GotoAsync(projectUrl);
            await Assertions.Expect(c.Page.Locator("#project-role")).ToContainTextAsync("Viewer");
            await Assertions.Expect(c.Page.Locator("#gallery-link")).ToBeVisibleAsync();
            await Assertions.Expect(c.Page.Locator("#generate-link")).ToHaveCountAsync(0);
            await c.GotoAsync($"projects/{projectId}/gallery");
            await Assertions.Expect(c.Page.Locator("#gallery .dt-gallery-cell")).ToHaveCountAsync(1);
            await Assertions.Expect(c.Page.Locator("#generate-link")).ToHaveCountAsync(0);
            await Assertions.Expect(c.Page.Locator(".dt-reuse")).ToHaveCountAsync(0);
            await Assertions.Expect(c.Page.Locator(".dt-delete")).ToHaveCountAsync(0);
            await c.GotoAsync($"projects/{projectId}/generate");
            await Assertions.Expect(c.Page.Locator("#generate-forbidden")).ToBeVisibleAsync();
            await Assertions.Expect(c.Page.Locator("#generate-submit")).ToHaveCountAsync(0);
            await c.GotoAsync("account/api-tokens");
            await c.Page.Locator("#token-create").ClickAsync();
            var token = await c.Page.Locator("#token-value").InputValueAsync();
            await using var api = await playwright.APIRequest.NewContextAsync(new()
            {
                BaseURL = studio.BaseAddress.ToString(),
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            });
            var refused = await api.PostAsync($"api/projects/{projectId}/generations", new()
            {
                DataObject = new { prompt = "a horse", steps = 2, width = Size, height = Size },
            });
            Assert.Equal(403, refused.Status);
            using (var problem = JsonDocument.Parse(await refused.TextAsync()))
                Assert.Contains("generate", problem.RootElement.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);

            // A deletes the image with the keyboard: it leaves B's gallery live; Undo brings it back for both.
            await a.GotoAsync($"projects/{projectId}/gallery");
            await a.Page.Locator("#gallery .dt-delete").FocusAsync();
            await a.Page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(a.Page.Locator("#gallery-empty")).ToBeVisibleAsync();
            await Assertions.Expect(b.Page.Locator("#gallery-empty")).ToBeVisibleAsync();
            await a.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Assertions.Expect(a.Page.Locator("#gallery .dt-gallery-cell")).ToHaveCountAsync(1);
            await Assertions.Expect(b.Page.Locator("#gallery .dt-gallery-cell")).ToHaveCountAsync(1);
            Assert.Equal("yes", await b.Page.EvaluateAsync<string>("() => window.__stayed"));
            var reuse = await a.Page.Locator("#gallery .dt-reuse").GetAttributeAsync("href");
            Assert.Matches($"projects/{projectId}/generate\\?reuse=[0-9a-f-]{{36}}$", reuse);

            Assert.Empty(everyone.SelectMany(s => s.Problems));
        }
        catch (Exception) when (Capture(everyone, studio, engine))
        {
            throw;
        }
    }

    /// <summary>Keeps a screenshot of every browser and prints both processes' logs; never handles the exception.</summary>
    private static bool Capture(BrowserSession[] sessions, RunningStudio studio, RunningEngine engine)
    {
        foreach (var s in sessions)
        {
            try
            {
                s.Shots.TakeAsync($"two-browser-failure-{s.Name}").GetAwaiter().GetResult();
            }
            catch (PlaywrightException)
            {
                // the page may be gone
            }

            foreach (var p in s.Problems)
                Console.Error.WriteLine("problem: " + p);
        }

        studio.KeepLog(nameof(TwoBrowserGalleryEndToEndTests));
        Console.Error.WriteLine(engine.Output);
        return false;
    }
}
