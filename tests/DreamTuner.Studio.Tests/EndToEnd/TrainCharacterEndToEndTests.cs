using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The real studio in headless Chromium: on a new character's page, choose a preset with the keyboard, train, see the
/// queued run's card (no engine runs here, so it stays queued), cancel it, in light and dark themes. The second run
/// gets engine reports pushed through <c>/hubs/engine</c> as an engine sends them: progress, loss and a validation
/// JPEG (which the content-security policy must allow as a data: URL), then success and the token chip.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TrainCharacterEndToEndTests
{
    [Fact]
    public async Task Owner_picks_the_quick_preset_with_the_arrow_keys_trains_sees_the_queued_card_and_cancels_it()
    {
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(90), RunningEngine.StudioSettings);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserSession.LaunchAsync(playwright);
        var user = await BrowserSession.OpenAsync(browser, studio, "trainer");
        var page = user.Page;

        try
        {
            await user.SignUpAsync("tia");
            await user.CreateProjectAsync("Training");
            // The project's data loaded (a file chosen while the page is still loading can be lost).
            await Assertions.Expect(page.Locator("#no-characters")).ToBeVisibleAsync();
            await user.ChooseCharacterImageAsync(TestImages.PathOf("chelsea.png"));
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Chelsea");
            await page.GetByLabel("Class word").FillAsync("cat");
            await page.Locator("#create-character").ClickAsync();
            await page.WaitForURLAsync("**/characters/*");
            await user.WaitForInteractivityAsync();

            await Assertions.Expect(page.Locator("#ready-note")).ToContainTextAsync("without training");
            await Assertions.Expect(page.Locator("#train-character")).ToContainTextAsync("800 steps");
            await page.Locator("#preset-standard").FocusAsync();
            await page.Keyboard.PressAsync("ArrowUp");
            await Assertions.Expect(page.Locator("#preset-quick")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#train-character")).ToContainTextAsync("300 steps");
            await user.Shots.TakeAsync("train-form");

            await page.Locator("#train-character").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var card = page.Locator(".dt-finetune-card");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Queued");
            await Assertions.Expect(card).ToContainTextAsync("300 steps");
            await Assertions.Expect(page.Locator("#train-character")).ToHaveCountAsync(0);
            await user.Shots.TakeAsync("train-queued");

            await page.Locator("#theme-toggle").ClickAsync();
            await Assertions.Expect(page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
            await user.Shots.TakeAsync("train-queued-dark");

            await page.Locator("button.dt-cancel").ClickAsync();
            await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Cancelled");
            await Assertions.Expect(page.Locator("#train-character")).ToBeVisibleAsync();
            await user.Shots.TakeAsync("train-cancelled-dark");

            // A second run, reported on as an engine does.
            await page.Locator("#train-character").ClickAsync();
            var second = page.Locator(".dt-finetune-card[data-status='Queued']");
            await Assertions.Expect(second).ToBeVisibleAsync();
            var fineTuneId = Guid.Parse((await second.GetAttributeAsync("id"))!["finetune-".Length..]);
            var ids = new Uri(page.Url).Segments.Select(x => x.Trim('/')).ToArray();
            Guid projectId = Guid.Parse(ids[^3]), characterId = Guid.Parse(ids[^1]);
            await using var engine = new HubConnectionBuilder()
                .WithUrl(new Uri(studio.BaseAddress, EngineHubProtocol.EngineHubPath.TrimStart('/')),
                    o => o.Headers[EngineHubProtocol.KeyHeader] = RunningEngine.HubKey)
                .Build();
            await engine.StartAsync();
            var now = DateTimeOffset.UtcNow;
            await engine.InvokeAsync("FineTuneProgress", new FineTuneProgress(fineTuneId, characterId, projectId, 100, 300, 0.2, 240,
                [new FineTuneLossPoint(25, 0.5, now), new FineTuneLossPoint(50, 0.35, now), new FineTuneLossPoint(75, 0.3, now), new FineTuneLossPoint(100, 0.2, now)]));
            await engine.InvokeAsync("FineTuneValidation", new FineTuneValidationImage(fineTuneId, characterId, projectId, 100,
                File.ReadAllBytes(TestImages.PathOf("rocket.jpg"))));
            await Assertions.Expect(page.Locator(".dt-progress-text")).ToContainTextAsync("Step 100 / 300");
            await Assertions.Expect(page.Locator(".dt-progress-text")).ToContainTextAsync("min left");
            await Assertions.Expect(page.Locator("polyline.dt-loss-line")).ToHaveCountAsync(1);
            await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.dt-validation-image'); return i && i.complete && i.naturalWidth > 0; }");
            await user.Shots.TakeAsync("train-running-dark");

            // What the engine's job records, then reports.
            await using (var db = studio.Database.CreateContext())
            {
                await db.FineTunes.Where(f => f.Id == fineTuneId).ExecuteUpdateAsync(x => x
                    .SetProperty(f => f.Status, JobStatus.Succeeded).SetProperty(f => f.ProgressStep, 300).SetProperty(f => f.FinishedAt, DateTimeOffset.UtcNow));
                await db.Characters.Where(c => c.Id == characterId).ExecuteUpdateAsync(x => x.SetProperty(c => c.ActiveFineTuneId, fineTuneId));
            }
            await engine.InvokeAsync("FineTuneStatus", new FineTuneStatusChange(fineTuneId, characterId, projectId, JobStatus.Succeeded, null, null));
            await Assertions.Expect(page.Locator("#trained-token-chip")).ToContainTextAsync("[S1*]");
            await Assertions.Expect(page.Locator($"#finetune-{fineTuneId}")).ToHaveAttributeAsync("data-status", "Succeeded");
            await Assertions.Expect(page.Locator("#finetune-history tr.dt-finetune-run")).ToHaveCountAsync(1);
            await user.Shots.TakeAsync("train-succeeded-dark");

            Assert.Empty(user.Problems);
        }
        catch (Exception) when (Capture(user, studio))
        {
            throw;
        }
    }

    /// <summary>Keeps a screenshot of the failure and prints the studio's log; never handles the exception.</summary>
    private static bool Capture(BrowserSession session, RunningStudio studio)
    {
        try
        {
            session.Shots.TakeAsync("train-failure").GetAwaiter().GetResult();
        }
        catch (PlaywrightException)
        {
            // the page may be gone
        }

        foreach (var p in session.Problems)
            Console.Error.WriteLine("problem: " + p);
        studio.KeepLog(nameof(TrainCharacterEndToEndTests));
        return false;
    }
}
