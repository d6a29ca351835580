using DreamTuner.Data;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DreamTuner.Studio.Tests.Storyboards;

/// <summary>
/// Renaming (xmin-checked) and deleting with undo through <see cref="StoryboardService"/> against PostgreSQL; the undo
/// window runs on a fake clock, so "the window ended" is a clock step, not a sleep.
/// </summary>
public sealed class StoryboardRenameDeleteTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    private (StoryboardService Boards, FakeTimeProvider Clock) Service(StudioScope scope)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dbs = scope.Get<IDbContextFactory<StudioDbContext>>();
        var broadcaster = scope.Get<CollaborationBroadcaster>();
        var queue = new StoryboardDeletionQueue(dbs, Microsoft.Extensions.Options.Options.Create(new GalleryOptions { UndoWindow = Window }), clock,
            broadcaster, NullLogger<StoryboardDeletionQueue>.Instance);
        return (new StoryboardService(dbs, scope.Get<ProjectAccess>(), broadcaster, clock, queue), clock);
    }

    private async Task<bool> RowExistsAsync(Guid storyboardId)
    {
        await using var db = factory.Database.CreateContext();
        return await db.Storyboards.AnyAsync(s => s.Id == storyboardId);
    }

    [Fact]
    public async Task Rename_from_a_stale_version_is_refused_and_the_first_rename_survives()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (boards, _) = Service(scope);
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var loaded = await boards.GetAsync(w.ProjectId, board.Id, w.Editor.Id);

        await boards.RenameAsync(w.ProjectId, board.Id, w.Editor.Id, "  Pilot, take two ", "the second cut", loaded.Version);
        await Assert.ThrowsAsync<StoryboardConflictException>(
            () => boards.RenameAsync(w.ProjectId, board.Id, w.Owner.Id, "Owner's title", null, loaded.Version));

        var now = await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id);
        Assert.Equal(("Pilot, take two", "the second cut"), (now.Title, now.Description));
        Assert.NotEqual(loaded.Version, now.Version);
        // From the fresh version the rename goes through.
        await boards.RenameAsync(w.ProjectId, board.Id, w.Owner.Id, "Owner's title", null, now.Version);
        Assert.Equal("Owner's title", Assert.Single(await boards.ListAsync(w.ProjectId, w.Viewer.Id)).Title);
    }

    [Fact]
    public async Task A_panel_added_meanwhile_makes_a_rename_from_the_older_version_conflict()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (boards, _) = Service(scope);
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var version = (await boards.ListAsync(w.ProjectId, w.Owner.Id)).Single().Version;

        await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);

        await Assert.ThrowsAsync<StoryboardConflictException>(() => boards.RenameAsync(w.ProjectId, board.Id, w.Owner.Id, "New", null, version));
    }

    [Fact]
    public async Task Viewers_cannot_rename_or_delete_empty_titles_are_refused_and_strangers_get_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (boards, _) = Service(scope);
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var version = (await boards.GetAsync(w.ProjectId, board.Id, w.Owner.Id)).Version;

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => boards.RenameAsync(w.ProjectId, board.Id, w.Viewer.Id, "Mine", null, version));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => boards.DeleteAsync(w.ProjectId, board.Id, w.Viewer.Id));
        await Assert.ThrowsAsync<ProjectRuleException>(() => boards.RenameAsync(w.ProjectId, board.Id, w.Editor.Id, "   ", null, version));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => boards.DeleteAsync(w.ProjectId, board.Id, w.Stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => boards.DeleteAsync(w.ProjectId, Guid.NewGuid(), w.Editor.Id));
        Assert.Equal("Pilot", (await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id)).Title);
    }

    [Fact]
    public async Task Deleted_storyboard_leaves_every_list_at_once_and_undo_inside_the_window_brings_it_back()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (boards, clock) = Service(scope);
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);

        await boards.DeleteAsync(w.ProjectId, board.Id, w.Editor.Id);
        Assert.Empty(await boards.ListAsync(w.ProjectId, w.Viewer.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id));

        clock.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.True(await boards.UndoDeleteAsync(w.ProjectId, board.Id, w.Owner.Id));
        clock.Advance(Window);
        await Task.Delay(200);
        Assert.True(await RowExistsAsync(board.Id));
        Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id)).Panels);
    }

    [Fact]
    public async Task When_the_undo_window_ends_the_storyboard_and_its_panels_are_gone()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var (boards, clock) = Service(scope);
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        var panel = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);

        await boards.DeleteAsync(w.ProjectId, board.Id, w.Owner.Id);
        clock.Advance(Window);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await RowExistsAsync(board.Id) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.False(await RowExistsAsync(board.Id));
        Assert.False(await boards.UndoDeleteAsync(w.ProjectId, board.Id, w.Owner.Id));
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.Panels.AnyAsync(p => p.Id == panel));
    }
}
