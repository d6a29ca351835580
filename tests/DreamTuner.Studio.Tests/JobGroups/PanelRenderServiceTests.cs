using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.JobGroups;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.JobGroups;

/// <summary>"Render panel" and "Re-render all panels of a character" through <see cref="PanelRenderService"/> against PostgreSQL (no engine).</summary>
public sealed class PanelRenderServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly PanelRenderOptions Small = new() { Seed = 42, Width = 64, Height = 64, Steps = 4 };

    [Fact]
    public async Task Render_panel_queues_one_group_with_one_generation_from_the_shot_and_cast_without_the_dialogue()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var rex = await CharacterAsync(scope, w, "Rex");
        var (board, panels) = await BoardAsync(scope, w, ("Rex leaps over the fence", "Watch this!", [rex.Id]));

        var group = await scope.Get<PanelRenderService>().RenderPanelAsync(w.ProjectId, board, panels[0], w.Editor.Id, Small with { Takes = 2 });

        Assert.Equal((JobGroupKind.PanelRender, 1, 0, false), (group.Kind, group.Total, group.Done, group.IsDone));
        var g = Assert.Single(await EngineStandIn.GroupAsync(scope, group.Id));
        Assert.Equal($"{rex.Token}, Rex leaps over the fence", g.Prompt);
        Assert.DoesNotContain("Watch this", g.Prompt);
        Assert.Equal([rex.Id], g.CharacterIds);
        Assert.Equal((panels[0], 42L, 2, (string?)null), (g.PanelId, g.Seed, g.BatchSize, g.ExtraReferenceHash));
        Assert.Equal(JobStatus.Queued, g.Status);
        Assert.NotNull(g.HangfireJobId);
    }

    [Fact]
    public async Task With_continuity_on_the_previous_panels_chosen_take_is_the_extra_reference_and_off_it_is_not()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (board, panels) = await BoardAsync(scope, w, ("A street at night", null, []), ("The same street, rain", null, []));
        var boards = scope.Get<StoryboardService>();
        await scope.Get<Services.Reviews.ReviewService>().SetAsync(w.ProjectId, w.ImageId, w.Owner.Id, ReviewVerdict.Approve, 5);
        await boards.ChooseTakeAsync(w.ProjectId, board, panels[0], w.Editor.Id, w.ImageId);
        var renders = scope.Get<PanelRenderService>();

        var off = await renders.RenderPanelAsync(w.ProjectId, board, panels[1], w.Editor.Id, Small);
        await renders.SetUsePreviousTakeAsync(w.ProjectId, board, panels[1], w.Editor.Id, true);
        var on = await renders.RenderPanelAsync(w.ProjectId, board, panels[1], w.Editor.Id, Small);
        var first = await renders.RenderPanelAsync(w.ProjectId, board, panels[0], w.Editor.Id, Small);

        Assert.Null(Assert.Single(await EngineStandIn.GroupAsync(scope, off.Id)).ExtraReferenceHash);
        Assert.Equal(await BlobOfImageAsync(scope, w.ImageId), Assert.Single(await EngineStandIn.GroupAsync(scope, on.Id)).ExtraReferenceHash);
        Assert.Null(Assert.Single(await EngineStandIn.GroupAsync(scope, first.Id)).ExtraReferenceHash);
        Assert.Equal([panels[1]], await renders.PanelsUsingPreviousTakeAsync(w.ProjectId, board, w.Viewer.Id));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => renders.SetUsePreviousTakeAsync(w.ProjectId, board, panels[0], w.Viewer.Id, true));
    }

    [Fact]
    public async Task Rendered_images_become_the_panels_takes_when_the_generation_succeeds_and_can_be_chosen_without_approval()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (board, panels) = await BoardAsync(scope, w, ("A lighthouse", null, []));
        var boards = scope.Get<StoryboardService>();
        var group = await scope.Get<PanelRenderService>().RenderPanelAsync(w.ProjectId, board, panels[0], w.Editor.Id, Small with { Takes = 2 });
        var generation = Assert.Single(await EngineStandIn.GroupAsync(scope, group.Id));

        Assert.Empty(Assert.Single((await boards.GetAsync(w.ProjectId, board, w.Viewer.Id)).Panels).OtherTakes);
        await EngineStandIn.SucceedAsync(scope, generation.Id, TestImages.Png(64, 64));

        var panel = Assert.Single((await boards.GetAsync(w.ProjectId, board, w.Viewer.Id)).Panels);
        Assert.Equal(2, panel.OtherTakes.Count);
        Assert.All(panel.OtherTakes, t => Assert.Equal("A lighthouse", t.Prompt));
        var done = await scope.Get<JobGroupService>().GetAsync(w.ProjectId, group.Id, w.Viewer.Id);
        Assert.Equal((1, 1, true), (done.Done, done.Succeeded, done.IsDone));

        await boards.ChooseTakeAsync(w.ProjectId, board, panels[0], w.Editor.Id, panel.OtherTakes[0].ImageId);
        var chosen = Assert.Single((await boards.GetAsync(w.ProjectId, board, w.Viewer.Id)).Panels);
        Assert.Equal(panel.OtherTakes[0].ImageId, chosen.ChosenTake?.ImageId);
        Assert.Equal(panel.OtherTakes[1].ImageId, Assert.Single(chosen.OtherTakes).ImageId);
    }

    [Fact]
    public async Task Rerender_of_a_character_queues_one_group_with_exactly_the_panels_that_show_it()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var rex = await CharacterAsync(scope, w, "Rex");
        var mia = await CharacterAsync(scope, w, "Mia");
        var (pilot, pilotPanels) = await BoardAsync(scope, w,
            ("Rex sleeps", null, [rex.Id]), ("Mia reads", null, [mia.Id]), ("Both run", null, [rex.Id, mia.Id]), ("Empty street", null, []));
        var (sequel, sequelPanels) = await BoardAsync(scope, w, ("Rex returns", null, [rex.Id]), ("Mia waits", null, [mia.Id]));
        var renders = scope.Get<PanelRenderService>();

        var everywhere = await renders.RerenderCharacterAsync(w.ProjectId, rex.Id, w.Editor.Id, storyboardId: null, Small);
        var onlyPilot = await renders.RerenderCharacterAsync(w.ProjectId, mia.Id, w.Editor.Id, pilot, Small);

        Assert.Equal((JobGroupKind.CharacterRerender, 3, (Guid?)rex.Id), (everywhere.Kind, everywhere.Total, everywhere.CharacterId));
        Assert.Equal([pilotPanels[0], pilotPanels[2], sequelPanels[0]],
            (await EngineStandIn.GroupAsync(scope, everywhere.Id)).Select(g => g.PanelId!.Value).Order());
        Assert.Equal([pilotPanels[1], pilotPanels[2]], (await EngineStandIn.GroupAsync(scope, onlyPilot.Id)).Select(g => g.PanelId!.Value).Order());
        Assert.All(await EngineStandIn.GroupAsync(scope, everywhere.Id), g => Assert.Contains(rex.Id, g.CharacterIds));
        Assert.Equal("Re-render 3 panels of Rex", everywhere.Title);
        Assert.Equal([onlyPilot.Id], (await ListFor(scope, w, pilot)).Select(g => g.Id));
        Assert.Empty(await ListFor(scope, w, sequel));
    }

    [Fact]
    public async Task Rerender_of_a_character_in_no_panel_is_refused_and_queues_nothing()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var rex = await CharacterAsync(scope, w, "Rex");
        await BoardAsync(scope, w, ("An empty room", null, []));

        var e = await Assert.ThrowsAsync<ProjectRuleException>(() =>
            scope.Get<PanelRenderService>().RerenderCharacterAsync(w.ProjectId, rex.Id, w.Editor.Id, null, Small));
        Assert.Contains("No panel shows Rex", e.Message);
        Assert.Empty(await scope.Get<JobGroupService>().ListAsync(w.ProjectId, w.Viewer.Id));
    }

    [Fact]
    public async Task Viewers_cannot_render_and_a_panel_without_text_or_cast_is_refused()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (board, panels) = await BoardAsync(scope, w, ("A cliff", null, []), (null, "Only dialogue", []));
        var renders = scope.Get<PanelRenderService>();

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => renders.RenderPanelAsync(w.ProjectId, board, panels[0], w.Viewer.Id, Small));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => renders.RenderPanelAsync(w.ProjectId, board, panels[0], w.Stranger.Id, Small));
        var e = await Assert.ThrowsAsync<ProjectRuleException>(() => renders.RenderPanelAsync(w.ProjectId, board, panels[1], w.Editor.Id, Small));
        Assert.Contains("Panel 2", e.Message);
        Assert.Empty(await scope.Get<JobGroupService>().ListAsync(w.ProjectId, w.Viewer.Id));
    }

    [Fact]
    public async Task Cancel_all_cancels_every_unfinished_generation_of_the_group_and_only_its_requester_or_an_owner_may()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var rex = await CharacterAsync(scope, w, "Rex");
        var (board, _) = await BoardAsync(scope, w, ("one", null, [rex.Id]), ("two", null, [rex.Id]), ("three", null, [rex.Id]));
        var group = await scope.Get<PanelRenderService>().RerenderCharacterAsync(w.ProjectId, rex.Id, w.Editor.Id, board, Small);
        var rows = await EngineStandIn.GroupAsync(scope, group.Id);
        await EngineStandIn.SucceedAsync(scope, rows[0].Id, TestImages.Png(64, 64));
        var groups = scope.Get<JobGroupService>();

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => groups.CancelAllAsync(w.ProjectId, group.Id, w.Viewer.Id));
        Assert.Equal(2, await groups.CancelAllAsync(w.ProjectId, group.Id, w.Owner.Id));
        Assert.Equal(0, await groups.CancelAllAsync(w.ProjectId, group.Id, w.Editor.Id));

        var after = await groups.GetAsync(w.ProjectId, group.Id, w.Viewer.Id);
        Assert.Equal((3, 1, 2, 3, true), (after.Total, after.Succeeded, after.Cancelled, after.Done, after.IsDone));
        Assert.Equal([JobStatus.Succeeded, JobStatus.Cancelled, JobStatus.Cancelled], (await EngineStandIn.GroupAsync(scope, group.Id)).Select(g => g.Status).Order());
        Assert.Equal(JobStatus.Succeeded, (await EngineStandIn.GroupAsync(scope, group.Id)).Single(g => g.Id == rows[0].Id).Status);
    }

    private static Task<IReadOnlyList<JobGroupInfo>> ListFor(StudioScope scope, ReviewWorld w, Guid storyboardId) =>
        scope.Get<JobGroupService>().ListAsync(w.ProjectId, w.Viewer.Id, storyboardId: storyboardId);

    private static async Task<CharacterInfo> CharacterAsync(StudioScope scope, ReviewWorld w, string name) =>
        await scope.Get<CharacterService>().CreateAsync(w.ProjectId, w.Owner.Id, new CharacterDraft(name, "cat", null), new MemoryStream(TestImages.Read("chelsea.png")));

    private static async Task<(Guid Board, List<Guid> Panels)> BoardAsync(
        StudioScope scope, ReviewWorld w, params (string? Shot, string? Dialogue, Guid[] Cast)[] panels)
    {
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var ids = new List<Guid>();
        foreach (var (shot, dialogue, cast) in panels)
        {
            var id = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);
            var version = (await boards.GetAsync(w.ProjectId, board.Id, w.Owner.Id)).Panels.Single(p => p.Id == id).Version;
            await boards.UpdatePanelAsync(w.ProjectId, board.Id, id, w.Owner.Id, new PanelEdit(shot, dialogue, cast), version);
            ids.Add(id);
        }
        return (board.Id, ids);
    }

    private static async Task<string> BlobOfImageAsync(StudioScope scope, Guid imageId)
    {
        await using var db = await scope.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        return await db.Images.Where(i => i.Id == imageId).Select(i => i.BlobHash).SingleAsync();
    }
}
