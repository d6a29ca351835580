using Bunit;
using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Components.Characters;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Studio.Tests.Components;

/// <summary>
/// The character page's training panel on the real services and PostgreSQL: runs are queued through
/// <see cref="FineTuneService"/> (no engine takes them), and engine reports are pushed through the studio's own
/// <see cref="FineTuneUpdates"/>, as the engine hub does.
/// </summary>
public sealed class FineTunePanelTests : MudComponentTest, IClassFixture<StudioFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly StudioFactory _factory;

    public FineTunePanelTests(StudioFactory factory)
    {
        _factory = factory;
        // The panel gets its scoped services from one studio scope that lives as long as the bUnit context.
        Context.Services.AddSingleton(_ => new StudioScope(factory.Services));
        Context.Services.AddScoped(sp => sp.GetRequiredService<StudioScope>().Get<FineTuneService>());
        Context.Services.AddScoped(sp => sp.GetRequiredService<StudioScope>().Get<ProjectService>());
        Context.Services.AddSingleton(factory.Services.GetRequiredService<FineTuneUpdates>());
        Context.Services.AddSingleton(TimeProvider.System);
    }

    private FineTuneUpdates Updates => _factory.Services.GetRequiredService<FineTuneUpdates>();

    private sealed record World(Guid ProjectId, CharacterInfo Character, StudioUser Owner, StudioUser Editor, StudioUser Viewer);

    private async Task<World> WorldAsync()
    {
        await using var scope = new StudioScope(_factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Training", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var character = await scope.Get<CharacterService>().CreateAsync(project.Id, owner.Id, new CharacterDraft("Chelsea", "cat", null),
            new MemoryStream(TestImages.Read("chelsea.png")));
        return new World(project.Id, character, owner, editor, viewer);
    }

    private async Task<FineTuneInfo> StartAsync(World w, StudioUser user, FineTuneRequest? request = null)
    {
        await using var scope = new StudioScope(_factory.Services);
        return await scope.Get<FineTuneService>().StartAsync(w.ProjectId, w.Character.Id, user.Id, request ?? new FineTuneRequest { Preset = FineTunePreset.Quick });
    }

    private async Task<IReadOnlyList<FineTuneInfo>> RunsAsync(World w)
    {
        await using var scope = new StudioScope(_factory.Services);
        return await scope.Get<FineTuneService>().ListForCharacterAsync(w.ProjectId, w.Character.Id, w.Owner.Id);
    }

    /// <summary>What the engine's job records when a run ends (the studio has no engine in these tests).</summary>
    private async Task EndAsync(World w, Guid fineTuneId, JobStatus status, string? error = null)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        await db.FineTunes.Where(f => f.Id == fineTuneId).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Status, status).SetProperty(f => f.Error, error).SetProperty(f => f.FinishedAt, DateTimeOffset.UtcNow));
        if (status == JobStatus.Succeeded)
            await db.Characters.Where(c => c.Id == w.Character.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ActiveFineTuneId, fineTuneId));
    }

    private IRenderedComponent<FineTunePanel> Render(World w, StudioUser user) => Context.Render<FineTunePanel>(p => p
        .Add(c => c.ProjectId, w.ProjectId).Add(c => c.CharacterId, w.Character.Id).Add(c => c.UserId, user.Id)
        .Add(c => c.Token, w.Character.Token).Add(c => c.HasFineTune, w.Character.HasFineTune));

    /// <summary>
    /// Components subscribe to pushed updates in OnAfterRender, which runs after the render a wait saw; an empty work
    /// item on the renderer's dispatcher completes only after it, so nothing published next is missed.
    /// </summary>
    private static Task AfterRenderAsync(IRenderedComponent<FineTunePanel> panel) => panel.InvokeAsync(() => { });

    [Fact]
    public async Task Choosing_the_quick_preset_and_pressing_Train_queues_a_300_step_LoRA_run_and_shows_its_card()
    {
        var w = await WorldAsync();
        var panel = Render(w, w.Editor);
        panel.WaitForElement("#train-character", Wait);
        Assert.Contains("800 steps", panel.Find("#train-character").TextContent); // standard is the default

        panel.Find("#preset-quick").Change(true);
        // The change event can wait behind a render MudBlazor queued on the renderer; wait for its own render.
        panel.WaitForAssertion(() => Assert.Contains("300 steps", panel.Find("#train-character").TextContent), Wait);
        await panel.Find("#train-form").SubmitAsync();

        var run = Assert.Single(await RunsAsync(w));
        Assert.Equal((300, FineTuneParameters.LoraMode, JobStatus.Queued, w.Editor.Id), (run.Parameters.Steps, run.Parameters.Mode, run.Status, run.RequestedById));
        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Queued", panel.Find($"#finetune-{run.Id}").GetAttribute("data-status"));
            Assert.Empty(panel.FindAll("#train-character")); // one run per character at a time
            Assert.Single(panel.FindAll("button.dt-cancel"));
        }, Wait);
    }

    [Fact]
    public async Task Advanced_settings_override_the_thorough_preset()
    {
        var w = await WorldAsync();
        var panel = Render(w, w.Owner);
        panel.WaitForElement("#train-character", Wait);

        panel.Find("#preset-thorough").Change(true);
        panel.Find("#finetune-advanced .mud-expand-panel-header").Click();
        panel.WaitForElement("#mode-full", Wait).Change(true);
        panel.Find("#ft-steps").Change("60");
        panel.Find("#ft-learning-rate").Change("0.0002");
        panel.Find("#ft-regular-images").Change("4");
        panel.Find("#ft-seed").Change("7");
        panel.WaitForAssertion(() =>
        {
            Assert.Contains("60 steps", panel.Find("#train-character").TextContent);
            Assert.Equal("7", panel.Find("#ft-seed").GetAttribute("value"));
        }, Wait);
        await panel.Find("#train-form").SubmitAsync();

        var run = Assert.Single(await RunsAsync(w));
        Assert.Equal((60, FineTuneParameters.FullMode, 0.0002, 4, 7L),
            (run.Parameters.Steps, run.Parameters.Mode, run.Parameters.LearningRate, run.Parameters.RegularImages, run.Parameters.Seed));
    }

    [Fact]
    public async Task Viewer_sees_the_runs_and_the_no_training_note_but_no_Train_or_Cancel_button()
    {
        var w = await WorldAsync();
        var run = await StartAsync(w, w.Editor);
        var panel = Render(w, w.Viewer);

        panel.WaitForElement("#train-readonly", Wait);
        Assert.Empty(panel.FindAll("#train-character"));
        Assert.Empty(panel.FindAll("#train-form"));
        Assert.NotNull(panel.Find($"#finetune-{run.Id}"));
        Assert.Empty(panel.FindAll("button.dt-cancel"));
        Assert.Contains("without training", panel.Find("#ready-note").TextContent);
        Assert.Empty(panel.FindAll("#trained-token-chip"));
    }

    [Fact]
    public async Task Pushed_progress_loss_points_and_a_validation_image_render_on_the_running_card()
    {
        var w = await WorldAsync();
        var run = await StartAsync(w, w.Editor);
        var panel = Render(w, w.Editor);
        panel.WaitForElement($"#finetune-{run.Id}", Wait);
        await AfterRenderAsync(panel);
        var t = DateTimeOffset.UtcNow;

        Updates.Publish(new FineTuneProgress(run.Id, w.Character.Id, w.ProjectId, 100, 300, 0.21, 600,
            [new FineTuneLossPoint(50, 0.4, t), new FineTuneLossPoint(100, 0.21, t)]));
        Updates.Publish(new FineTuneProgress(run.Id, w.Character.Id, w.ProjectId, 150, 300, 0.1, 300, [new FineTuneLossPoint(150, 0.1, t)]));
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 9, 8, 7];
        Updates.Publish(new FineTuneValidationImage(run.Id, w.Character.Id, w.ProjectId, 100, jpeg));

        panel.WaitForAssertion(() =>
        {
            var card = panel.Find($"#finetune-{run.Id}");
            Assert.Equal("Running", card.GetAttribute("data-status"));
            Assert.Contains("Step 150 / 300", panel.Find(".dt-progress-text").TextContent);
            Assert.Contains("5 min left", panel.Find(".dt-progress-text").TextContent);
            Assert.Equal("50", panel.Find($"#finetune-{run.Id} [aria-valuenow]").GetAttribute("aria-valuenow"));
            Assert.Equal(3, panel.Find("polyline.dt-loss-line").GetAttribute("points")!.Split(' ').Length);
            Assert.Contains("0.4 at step 50", panel.Find(".dt-loss-caption").TextContent);
            Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(jpeg), panel.Find("img.dt-validation-image").GetAttribute("src"));
        }, Wait);
    }

    [Fact]
    public async Task A_failed_run_shows_its_error_on_its_card_and_later_in_the_history()
    {
        var w = await WorldAsync();
        var failed = await StartAsync(w, w.Editor);
        await EndAsync(w, failed.Id, JobStatus.Failed, "Model \"starter\" could not be loaded: missing unet.");
        var panel = Render(w, w.Editor);

        panel.WaitForAssertion(() => Assert.Contains("could not be loaded: missing unet", panel.Find($"#finetune-{failed.Id} .dt-error").TextContent), Wait);
        Assert.NotNull(panel.Find("#train-character")); // an ended run does not block a new one

        await panel.Find("#train-form").SubmitAsync();
        panel.WaitForAssertion(() =>
        {
            var row = Assert.Single(panel.FindAll("#finetune-history tr.dt-finetune-run"));
            Assert.Equal("Failed", row.GetAttribute("data-status"));
            Assert.Contains("could not be loaded: missing unet", row.QuerySelector(".dt-run-error")!.TextContent);
        }, Wait);
    }

    [Fact]
    public async Task Cancel_cancels_the_run_through_the_service_and_the_Train_button_returns()
    {
        var w = await WorldAsync();
        var run = await StartAsync(w, w.Editor);
        var panel = Render(w, w.Editor);
        panel.WaitForElement("button.dt-cancel", Wait);

        await panel.Find("button.dt-cancel").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        Assert.Equal(JobStatus.Cancelled, Assert.Single(await RunsAsync(w)).Status);
        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Cancelled", panel.Find($"#finetune-{run.Id}").GetAttribute("data-status"));
            Assert.NotNull(panel.Find("#train-character"));
        }, Wait);
    }

    [Fact]
    public async Task When_success_is_pushed_the_character_shows_the_token_chip_that_the_Generate_page_inserts()
    {
        var w = await WorldAsync();
        var run = await StartAsync(w, w.Editor);
        var panel = Render(w, w.Viewer);
        panel.WaitForElement($"#finetune-{run.Id}", Wait);
        await AfterRenderAsync(panel);
        Assert.Empty(panel.FindAll("#trained-token-chip"));

        await EndAsync(w, run.Id, JobStatus.Succeeded);
        Updates.Publish(new FineTuneStatusChange(run.Id, w.Character.Id, w.ProjectId, JobStatus.Succeeded, null, "abc"));

        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Succeeded", panel.Find($"#finetune-{run.Id}").GetAttribute("data-status"));
            Assert.Equal(w.Character.Token, panel.Find("#trained-token-chip").TextContent.Trim());
        }, Wait);
        Assert.Equal("[S1*]", w.Character.Token);
    }
}
