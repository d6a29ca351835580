using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Generations;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Storyboards;

/// <summary>Storyboards and panels through <see cref="StoryboardService"/> against PostgreSQL.</summary>
public sealed class StoryboardServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Insert_move_and_delete_keep_panels_numbered_in_order()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Editor.Id, "  Pilot  ", null);
        var a = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);
        var c = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);
        var b = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id, index: 1);
        var first = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id, index: -5);

        Assert.Equal([first, a, b, c], await OrderAsync(boards, w, board.Id));
        await boards.MovePanelAsync(w.ProjectId, board.Id, first, w.Editor.Id, 99);
        Assert.Equal([a, b, c, first], await OrderAsync(boards, w, board.Id));
        await boards.MovePanelAsync(w.ProjectId, board.Id, c, w.Editor.Id, 0);
        Assert.Equal([c, a, b, first], await OrderAsync(boards, w, board.Id));
        await boards.DeletePanelAsync(w.ProjectId, board.Id, a, w.Owner.Id);

        var details = await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id);
        Assert.Equal("Pilot", details.Title);
        Assert.Equal([c, b, first], details.Panels.Select(p => p.Id));
        Assert.Equal([0, 1, 2], details.Panels.Select(p => p.OrderIndex));
        Assert.Equal(3, Assert.Single(await boards.ListAsync(w.ProjectId, w.Viewer.Id)).PanelCount);
    }

    [Fact]
    public async Task Viewer_reads_but_cannot_edit_and_non_member_gets_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", "first episode");
        var panel = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => boards.CreateAsync(w.ProjectId, w.Viewer.Id, "Mine", null));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => boards.AddPanelAsync(w.ProjectId, board.Id, w.Viewer.Id));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => boards.MovePanelAsync(w.ProjectId, board.Id, panel, w.Viewer.Id, 0));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => boards.UpdatePanelAsync(w.ProjectId, board.Id, panel, w.Viewer.Id, new PanelEdit("x", null, []), 0));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => boards.GetAsync(w.ProjectId, board.Id, w.Stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => boards.ListAsync(w.ProjectId, w.Stranger.Id));
        Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id)).Panels);
    }

    [Fact]
    public async Task Two_editors_saving_one_panel_the_second_gets_a_conflict_and_the_first_save_survives()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var panelId = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);
        var character = await scope.Get<CharacterService>().CreateAsync(w.ProjectId, w.Owner.Id, new CharacterDraft("Chelsea", "cat", null), new MemoryStream(TestImages.Read("chelsea.png")));
        var seenByOwner = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Owner.Id)).Panels);
        var seenByEditor = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Editor.Id)).Panels);

        await boards.UpdatePanelAsync(w.ProjectId, board.Id, panelId, w.Owner.Id, new PanelEdit("Wide shot, dawn", "It begins.", [character.Id]), seenByOwner.Version);
        var e = await Assert.ThrowsAsync<PanelConflictException>(() =>
            boards.UpdatePanelAsync(w.ProjectId, board.Id, panelId, w.Editor.Id, new PanelEdit("Close-up", "No!", []), seenByEditor.Version));
        Assert.Contains("Your text is still here", e.Message);

        var now = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Editor.Id)).Panels);
        Assert.Equal(("Wide shot, dawn", "It begins."), (now.ShotDescription, now.Dialogue));
        Assert.Equal("Chelsea", Assert.Single(now.Characters).Name);
        // Having seen theirs, the editor saves over it on purpose with the version just loaded.
        await boards.UpdatePanelAsync(w.ProjectId, board.Id, panelId, w.Editor.Id, new PanelEdit("Close-up", "No!", []), now.Version);
        var last = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Owner.Id)).Panels);
        Assert.Equal(("Close-up", 0), (last.ShotDescription, last.Characters.Count));
    }

    [Fact]
    public async Task Only_approved_images_become_takes_and_the_history_records_job_settings_and_chooser()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var second = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Owner.Id, TestImages.Png(32, 32));
        var other = await ReviewWorld.CreateAsync(scope);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var panelId = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);

        await Assert.ThrowsAsync<ProjectRuleException>(() => boards.ChooseTakeAsync(w.ProjectId, board.Id, panelId, w.Editor.Id, w.ImageId));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => boards.ChooseTakeAsync(w.ProjectId, board.Id, panelId, w.Editor.Id, other.ImageId));
        await scope.Get<ReviewService>().SetAsync(w.ProjectId, w.ImageId, w.Owner.Id, ReviewVerdict.Approve, 5);
        await scope.Get<ReviewService>().SetAsync(w.ProjectId, second, w.Owner.Id, ReviewVerdict.Approve, 4);
        Assert.Equal(2, (await boards.ApprovedImagesAsync(w.ProjectId, w.Viewer.Id)).Count);

        await boards.ChooseTakeAsync(w.ProjectId, board.Id, panelId, w.Editor.Id, w.ImageId);
        await boards.ChooseTakeAsync(w.ProjectId, board.Id, panelId, w.Owner.Id, second);

        var panel = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id)).Panels);
        Assert.Equal(second, panel.ChosenTake!.ImageId);
        Assert.Equal(w.ImageId, Assert.Single(panel.OtherTakes).ImageId);
        var history = await boards.HistoryAsync(w.ProjectId, panelId, w.Viewer.Id);
        Assert.Equal([second, w.ImageId], history.Select(h => h.ImageId));
        Assert.Equal([w.Owner.UserName, w.Editor.UserName], history.Select(h => h.ChosenBy));
        Assert.Equal(("a fox", 7L, SchedulerKind.Ddim, 20, "starter"), (history[1].Prompt, history[1].Seed, history[1].Scheduler, history[1].Steps, history[1].ModelId));
    }

    [Fact]
    public async Task A_character_of_another_project_cannot_be_cast()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var other = await ReviewWorld.CreateAsync(scope);
        var foreign = await scope.Get<CharacterService>().CreateAsync(other.ProjectId, other.Owner.Id, new CharacterDraft("Stray", "cat", null), new MemoryStream(TestImages.Read("chelsea.png")));
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var panelId = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);
        var panel = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Owner.Id)).Panels);

        await Assert.ThrowsAsync<ProjectRuleException>(() => boards.UpdatePanelAsync(w.ProjectId, board.Id, panelId, w.Owner.Id, new PanelEdit("x", null, [foreign.Id]), panel.Version));
    }

    private static async Task<List<Guid>> OrderAsync(StoryboardService boards, ReviewWorld w, Guid boardId)
        => [.. (await boards.GetAsync(w.ProjectId, boardId, w.Owner.Id)).Panels.Select(p => p.Id)];
}
