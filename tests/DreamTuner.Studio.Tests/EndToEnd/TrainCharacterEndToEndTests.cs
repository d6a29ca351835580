using DreamTuner.Studio.Tests.Support;
using Microsoft.Playwright;

namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The real studio in headless Chromium: on a new character's page, choose a preset with the keyboard, train, see the
/// queued run's card (no engine runs here, so it stays queued), cancel it, in light and dark themes.
/// </summary>
public sealed class TrainCharacterEndToEndTests
{
    [Fact]
    public async Task Owner_picks_the_quick_preset_with_the_arrow_keys_trains_sees_the_queued_card_and_cancels_it()
    {
        await using var studio = await RunningStudio.StartAsync(TimeSpan.FromSeconds(90));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserSession.LaunchAsync(playwright);
        var user = await BrowserSession.OpenAsync(browser, studio, "trainer");
        var page = user.Page;

        try
        {
            await user.SignUpAsync("tia");
            await page.GetByLabel("Name").FillAsync("Training");
            await page.GetByLabel("Name").PressAsync("Enter");
            await page.WaitForURLAsync("**/projects/*");
            await user.WaitForInteractivityAsync();
            await page.Locator("#character-upload input[type=file]").SetInputFilesAsync(TestImages.PathOf("chelsea.png"));
            await Assertions.Expect(page.Locator("#chosen-file")).ToContainTextAsync("chelsea.png");
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
        Console.Error.WriteLine(studio.Output);
        return false;
    }
}
