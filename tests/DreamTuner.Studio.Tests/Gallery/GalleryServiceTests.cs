using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DreamTuner.Studio.Tests.Gallery;

/// <summary>
/// The gallery's filters and delete-with-undo against PostgreSQL. The undo window runs on a fake clock, so "the window
/// ended" is a clock step, not a sleep.
/// </summary>
public sealed class GalleryServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    private sealed record World(
        StudioScope Scope, Guid ProjectId, StudioUser Owner, StudioUser Editor, StudioUser Viewer,
        FakeTimeProvider Clock, GalleryService Gallery, GalleryEvents Events) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }

    private async Task<World> SetUpAsync()
    {
        var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Horses", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var events = new GalleryEvents(NullLogger<GalleryEvents>.Instance);
        var queue = new ImageDeletionQueue(scope.Get<IDbContextFactory<StudioDbContext>>(),
            Microsoft.Extensions.Options.Options.Create(new GalleryOptions { UndoWindow = Window }), clock, events,
            NullLogger<ImageDeletionQueue>.Instance);
        var gallery = new GalleryService(scope.Get<IDbContextFactory<StudioDbContext>>(), scope.Get<IBlobStore>(), scope.Get<ProjectAccess>(), queue, events);
        return new World(scope, project.Id, owner, editor, viewer, clock, gallery, events);
    }

    /// <summary>What an engine writes when a generation succeeds (blob, Succeeded row, Image), with the fields the filters read.</summary>
    private async Task<(Guid ImageId, string BlobHash)> StoreAsync(
        World world, Guid requester, DateTimeOffset createdAt, Guid? characterId = null, byte[]? png = null)
    {
        await using var db = factory.Database.CreateContext();
        var blob = await new BlobRecorder(db, world.Scope.Get<IBlobStore>()).StoreAsync(new MemoryStream(png ?? TestImages.Png(64, 64)), "image/png");
        var generation = new Generation
        {
            ProjectId = world.ProjectId, RequestedById = requester, Prompt = "a horse", Seed = 1, Scheduler = SchedulerKind.Ddim, Steps = 4,
            GuidanceScale = 7, Width = 64, Height = 64, ModelId = "starter", Status = JobStatus.Succeeded, CreatedAt = createdAt,
            CharacterIds = characterId is { } c ? [c] : [],
        };
        var image = new Image { GenerationId = generation.Id, BlobHash = blob.Hash, Width = 64, Height = 64, Seed = 1, CreatedAt = createdAt };
        generation.Images.Add(image);
        db.Generations.Add(generation);
        await db.SaveChangesAsync();
        return (image.Id, blob.Hash);
    }

    private async Task<bool> RowExistsAsync(Guid imageId)
    {
        await using var db = factory.Database.CreateContext();
        return await db.Images.AnyAsync(i => i.Id == imageId);
    }

    [Fact]
    public async Task Filters_by_character_requester_day_and_review_status()
    {
        await using var w = await SetUpAsync();
        var horse = Guid.NewGuid();
        var day1 = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);
        var day2 = new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.Zero);
        var (withHorse, _) = await StoreAsync(w, w.Editor.Id, day1, horse);
        var (byOwner, _) = await StoreAsync(w, w.Owner.Id, day2);
        var (reviewed, _) = await StoreAsync(w, w.Editor.Id, day2);
        await using (var db = factory.Database.CreateContext())
        {
            db.Reviews.Add(new Review { ImageId = reviewed, UserId = w.Owner.Id, Verdict = ReviewVerdict.Approve, Rating = 5, CreatedAt = day2, UpdatedAt = day2 });
            await db.SaveChangesAsync();
        }

        async Task<Guid[]> Ids(GalleryFilter f) => (await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id, f)).Select(i => i.Id).Order().ToArray();

        Assert.Equal(new[] { withHorse, byOwner, reviewed }.Order(), await Ids(GalleryFilter.None));
        Assert.Equal([withHorse], await Ids(new GalleryFilter(CharacterId: horse)));
        Assert.Equal([byOwner], await Ids(new GalleryFilter(RequestedById: w.Owner.Id)));
        Assert.Equal([withHorse], await Ids(new GalleryFilter(To: new DateOnly(2026, 3, 1))));
        Assert.Equal(new[] { byOwner, reviewed }.Order(), await Ids(new GalleryFilter(From: new DateOnly(2026, 3, 2))));
        Assert.Equal([reviewed], await Ids(new GalleryFilter(Status: GalleryStatus.Approved)));
        Assert.Empty(await Ids(new GalleryFilter(Status: GalleryStatus.Rejected)));
        Assert.Equal(new[] { withHorse, byOwner }.Order(), await Ids(new GalleryFilter(Status: GalleryStatus.Unreviewed)));
        Assert.Equal([reviewed], await Ids(new GalleryFilter(RequestedById: w.Editor.Id, From: new DateOnly(2026, 3, 2))));
        var listed = Assert.Single(await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id, new GalleryFilter(RequestedById: w.Owner.Id)));
        Assert.Equal(w.Owner.UserName, listed.RequestedByName);
    }

    [Fact]
    public async Task Deleted_image_leaves_every_list_at_once_and_undo_inside_the_window_brings_it_back()
    {
        await using var w = await SetUpAsync();
        var (imageId, _) = await StoreAsync(w, w.Editor.Id, DateTimeOffset.UtcNow);
        var notices = 0;
        using var _ = w.Events.Subscribe(w.ProjectId, () => Interlocked.Increment(ref notices));

        await w.Gallery.DeleteAsync(w.ProjectId, imageId, w.Editor.Id);
        Assert.Empty(await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id));
        Assert.Equal(1, notices);

        w.Clock.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.True(await w.Gallery.UndoDeleteAsync(w.ProjectId, imageId, w.Editor.Id));
        Assert.Equal(2, notices);
        Assert.Equal(imageId, Assert.Single(await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id)).Id);

        w.Clock.Advance(Window * 2);
        await Task.Delay(200);
        Assert.True(await RowExistsAsync(imageId));
    }

    [Fact]
    public async Task When_the_undo_window_ends_the_row_is_removed_but_the_shared_blob_stays()
    {
        await using var w = await SetUpAsync();
        var png = TestImages.Png(64, 64);
        var (imageId, hash) = await StoreAsync(w, w.Editor.Id, DateTimeOffset.UtcNow, png: png);
        var (twin, twinHash) = await StoreAsync(w, w.Owner.Id, DateTimeOffset.UtcNow, png: png);
        Assert.Equal(hash, twinHash);

        await w.Gallery.DeleteAsync(w.ProjectId, imageId, w.Editor.Id);
        w.Clock.Advance(Window);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await RowExistsAsync(imageId) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.False(await RowExistsAsync(imageId));
        Assert.False(await w.Gallery.UndoDeleteAsync(w.ProjectId, imageId, w.Editor.Id));
        Assert.Equal(twin, Assert.Single(await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id)).Id);
        Assert.True(w.Scope.Get<IBlobStore>().Exists(hash));
        await using var db = factory.Database.CreateContext();
        Assert.True(await db.Blobs.AnyAsync(b => b.Hash == hash));
    }

    [Fact]
    public async Task Only_the_requester_or_an_owner_may_delete_and_a_viewer_never()
    {
        await using var w = await SetUpAsync();
        var (ownersImage, _) = await StoreAsync(w, w.Owner.Id, DateTimeOffset.UtcNow);
        var (editorsImage, _) = await StoreAsync(w, w.Editor.Id, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => w.Gallery.DeleteAsync(w.ProjectId, editorsImage, w.Viewer.Id));
        var refused = await Assert.ThrowsAsync<ProjectRuleException>(() => w.Gallery.DeleteAsync(w.ProjectId, ownersImage, w.Editor.Id));
        Assert.Contains("Owner", refused.Message);
        Assert.Equal(2, (await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id)).Count);

        await w.Gallery.DeleteAsync(w.ProjectId, editorsImage, w.Owner.Id);
        Assert.Equal(ownersImage, Assert.Single(await w.Gallery.ListAsync(w.ProjectId, w.Viewer.Id)).Id);
    }

    [Fact]
    public async Task Download_link_serves_the_image_as_an_attachment()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Downloads", null);
        var png = TestImages.Read("horse-cutout.png");
        var imageId = await Generations.GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, project.Id, owner.Id, png);
        using var client = StudioBrowserlessClient.Create(factory);
        await client.SignInAsync(owner.UserName!);

        var response = await client.Http.GetAsync($"/projects/{project.Id}/images/{imageId}?download=true");

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".png", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        var inline = await client.Http.GetAsync($"/projects/{project.Id}/images/{imageId}");
        Assert.Null(inline.Content.Headers.ContentDisposition);
    }
}
