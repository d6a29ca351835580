using System.Text.RegularExpressions;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Options;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// Two people in two headless Chromium browsers on the real studio, on one image: the Owner's verdict, the Viewer's
/// typing, @mention, pinned comment and presence reach the other page live (Blazor Server circuits). Screenshots go to
/// artifacts/screenshots.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ImageReviewTwoBrowsersEndToEndTests
{
    internal const string ChromiumPath = "/usr/bin/chromium";
    internal static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [Fact]
    public async Task Viewers_comment_with_a_pin_and_mention_and_the_owners_verdict_show_up_live_in_the_other_browser()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is missing at {ChromiumPath}: apt-get install -y chromium");
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags });
        var ann = await NewPageAsync(browser, studio);
        var bob = await NewPageAsync(browser, studio);
        var problems = new List<string>();
        Watch(ann, "ann", problems);
        Watch(bob, "bob", problems);
        var annShots = new Screenshots(ann) { Problems = problems };
        var bobShots = new Screenshots(bob) { Problems = problems };

        try
        {
            await SignUpAsync(ann, "ann");
            await BrowserSession.CreateProjectAsync(ann, "Review day");
            var projectId = Guid.Parse(ProjectIdInUrl().Match(ann.Url).Groups[1].Value);
            await SignUpAsync(bob, "bob");
            var imageId = await AddViewerAndImageAsync(studio, projectId, "bob");

            var review = $"projects/{projectId}/images/{imageId}/review";
            await ann.GotoAsync(review);
            await bob.GotoAsync(review);
            await WaitForInteractivityAsync(ann);
            await WaitForInteractivityAsync(bob);
            await Assertions.Expect(ann.Locator("#presence .dt-presence-avatar")).ToHaveCountAsync(2);

            // The Owner's verdict reaches the Viewer, who has no verdict buttons.
            await Assertions.Expect(bob.Locator("button.dt-verdict")).ToHaveCountAsync(0);
            await ann.Locator("button.dt-verdict-approve").ClickAsync();
            await Assertions.Expect(bob.Locator(".dt-review-counts")).ToContainTextAsync("1 approved");

            // The Viewer types: the Owner sees it, and the Viewer is offered the Owner's name.
            await bob.Locator("#comment-input").FillAsync("@a");
            await Assertions.Expect(ann.Locator("#typing")).ToContainTextAsync("bob is typing");
            await Assertions.Expect(bob.Locator(".dt-mention-hint")).ToHaveTextAsync("@ann");

            // A pinned comment with a mention appears on the Owner's page with its pin, and in the Owner's bell.
            var box = (await bob.Locator("#review-image").BoundingBoxAsync())!;
            await bob.Locator("#review-image").ClickAsync(new() { Position = new() { X = (float)(box.Width * 0.25), Y = (float)(box.Height * 0.5) } });
            await Assertions.Expect(bob.Locator(".dt-pin-pending")).ToBeVisibleAsync();
            await bob.Locator("#comment-input").FillAsync("@ann the fur looks great");
            await bob.Locator("#comment-input").PressAsync("Control+Enter");
            await Assertions.Expect(ann.Locator(".dt-comment-body")).ToContainTextAsync("the fur looks great");
            await Assertions.Expect(ann.Locator(".dt-comment-body .dt-mention")).ToHaveTextAsync("@ann");
            await Assertions.Expect(ann.Locator(".dt-pinned-image .dt-pin")).ToHaveTextAsync("1");
            await Assertions.Expect(bob.Locator("#comment-input")).ToHaveValueAsync("");
            await annShots.TakeAsync("collab-01-owner-sees-comment");
            await bobShots.TakeAsync("collab-02-viewer-after-posting");
            await ann.Locator("button[aria-label='Notifications']").ClickAsync();
            await Assertions.Expect(ann.Locator(".dt-notification")).ToContainTextAsync("bob mentioned you");
            await annShots.TakeAsync("collab-03-owner-notification");

            Assert.Empty(problems);
        }
        catch (Exception) when (Capture(annShots, studio))
        {
            throw;
        }
    }

    internal static async Task<IPage> NewPageAsync(IBrowser browser, RunningStudio studio)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = studio.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    internal static void Watch(IPage page, string who, List<string> problems)
    {
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (problems) problems.Add($"{who}: {m.Text}");
        };
        page.PageError += (_, e) => { lock (problems) problems.Add($"{who}: {e}"); };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
                lock (problems) problems.Add($"{who}: HTTP {r.Status}: {r.Url}");
        };
    }

    internal static Task SignUpAsync(IPage page, string name) => BrowserSession.SignUpAsync(page, name);

    /// <summary>Bob joins as Viewer (as the member list would do it) and a generated image appears (as an engine would store it).</summary>
    private static async Task<Guid> AddViewerAndImageAsync(RunningStudio studio, Guid projectId, string viewer)
    {
        await using var db = studio.Database.CreateContext();
        var bobId = await db.Users.Where(u => u.UserName == viewer).Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = bobId, Role = ProjectRole.Viewer, JoinedAt = now });
        await db.SaveChangesAsync();
        var blob = await new BlobRecorder(db, new FileBlobStore(new BlobStoreOptions { Root = studio.BlobRoot }))
            .StoreAsync(new MemoryStream(TestImages.Read("chelsea.png")), "image/png");
        var generation = new Generation
        {
            ProjectId = projectId, Prompt = "a tabby cat", Seed = 3, Scheduler = SchedulerKind.Ddim, Steps = 20, GuidanceScale = 7,
            Width = 451, Height = 300, ModelId = "starter", Status = JobStatus.Succeeded, CreatedAt = now, FinishedAt = now,
        };
        var image = new Image { GenerationId = generation.Id, BlobHash = blob.Hash, Width = 451, Height = 300, Seed = 3, CreatedAt = now };
        generation.Images.Add(image);
        db.Generations.Add(generation);
        await db.SaveChangesAsync();
        return image.Id;
    }

    internal static async Task WaitForInteractivityAsync(IPage page)
        => await page.Locator("#main[data-interactive='true']").WaitForAsync();

    internal static bool Capture(Screenshots shots, RunningStudio studio)
    {
        try
        {
            shots.TakeAsync("collab-failure").GetAwaiter().GetResult();
        }
        catch (PlaywrightException)
        {
            // the page may be gone
        }

        studio.KeepLog(nameof(ImageReviewTwoBrowsersEndToEndTests));
        foreach (var p in shots.Problems)
            Console.Error.WriteLine("problem: " + p);
        return false;
    }

    [GeneratedRegex(@"/projects/([0-9a-f-]{36})")]
    internal static partial Regex ProjectIdInUrl();
}
