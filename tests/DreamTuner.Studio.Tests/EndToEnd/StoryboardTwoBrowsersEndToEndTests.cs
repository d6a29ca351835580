using DreamTuner.Data.Entities;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static DreamTuner.Studio.Tests.EndToEnd.ImageReviewTwoBrowsersEndToEndTests;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// An Owner and an Editor in two browsers on one storyboard: panels added and reordered by one appear for the other;
/// both editing one panel ends in a conflict message for the later save, with nothing lost. Screenshots in artifacts/screenshots.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoryboardTwoBrowsersEndToEndTests
{
    [Fact]
    public async Task Two_editors_build_a_storyboard_live_and_the_later_of_two_panel_saves_gets_a_conflict_without_losing_text()
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
            await BrowserSession.CreateProjectAsync(ann, "Pilot film");
            var projectId = Guid.Parse(ProjectIdInUrl().Match(ann.Url).Groups[1].Value);
            await SignUpAsync(bob, "bob");
            await using (var db = studio.Database.CreateContext())
            {
                var bobId = await db.Users.Where(u => u.UserName == "bob").Select(u => u.Id).SingleAsync();
                db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = bobId, Role = ProjectRole.Editor, JoinedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }

            // The Owner creates a storyboard from the project page's link and adds two panels.
            await WaitForInteractivityAsync(ann);
            await ann.Locator("#storyboards-link").ClickAsync();
            await ann.WaitForURLAsync("**/storyboards");
            await WaitForInteractivityAsync(ann);
            await ann.GetByLabel("Title").FillAsync("Episode 1");
            await ann.Locator("#create-storyboard").ClickAsync();
            await ann.WaitForURLAsync("**/storyboards/*");
            await WaitForInteractivityAsync(ann);
            await ann.Locator("#add-panel").ClickAsync();
            await Assertions.Expect(ann.Locator(".dt-panel")).ToHaveCountAsync(1);
            await ann.Locator("#add-panel").ClickAsync();
            await Assertions.Expect(ann.Locator(".dt-panel")).ToHaveCountAsync(2);
            await ann.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot").FillAsync("Wide shot of the harbour");
            await ann.Locator(".dt-panel").Nth(0).Locator(".dt-save-panel").ClickAsync();

            await bob.GotoAsync(ann.Url);
            await WaitForInteractivityAsync(bob);
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot")).ToHaveValueAsync("Wide shot of the harbour");
            var firstId = await bob.Locator(".dt-panel").Nth(0).GetAttributeAsync("data-panel-id");

            // Both edit panel 1; the Owner saves first. The Editor sees theirs beside his own unsaved text...
            await bob.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot").FillAsync("Bob: close-up on the boat");
            await ann.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot").FillAsync("Ann: slow pan over the water");
            await ann.Locator(".dt-panel").Nth(0).Locator(".dt-save-panel").ClickAsync();
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(0).Locator(".dt-theirs")).ToContainTextAsync("Ann: slow pan over the water");
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot")).ToHaveValueAsync("Bob: close-up on the boat");
            // ...and his save is refused with a clear message, his text kept; saving again is a deliberate overwrite.
            await bob.Locator(".dt-panel").Nth(0).Locator(".dt-save-panel").ClickAsync();
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(0).Locator(".dt-conflict")).ToContainTextAsync("Someone else saved this panel");
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot")).ToHaveValueAsync("Bob: close-up on the boat");
            await bobShots.TakeAsync("collab-10-storyboard-conflict");
            await bob.Locator(".dt-panel").Nth(0).Locator(".dt-save-panel").ClickAsync();
            await Assertions.Expect(ann.Locator(".dt-panel").Nth(0).Locator("textarea.dt-shot")).ToHaveValueAsync("Bob: close-up on the boat");

            // Keyboard reorder by the Owner shows up for the Editor.
            await ann.Locator(".dt-panel").Nth(0).Locator(".dt-move-down").ClickAsync();
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(1)).ToHaveAttributeAsync("data-panel-id", firstId!);
            await Assertions.Expect(bob.Locator(".dt-panel").Nth(1).Locator(".dt-panel-number")).ToHaveTextAsync("Panel 2");
            await annShots.TakeAsync("collab-11-storyboard");

            // The export links serve a PDF to the signed-in member.
            var pdf = await ann.Context.APIRequest.GetAsync(await ann.Locator("#export-pdf").GetAttributeAsync("href") ?? "");
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);

            Assert.Empty(problems);
        }
        catch (Exception) when (Capture(annShots, studio))
        {
            throw;
        }
    }
}
