using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Gallery;

/// <summary>The gallery's score sorts and the identity-drift decision against PostgreSQL.</summary>
public sealed class GalleryScoreTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private sealed record World(StudioScope Scope, Guid ProjectId, StudioUser Owner, StudioUser Editor, GalleryService Gallery) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }

    private async Task<World> SetUpAsync()
    {
        var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Scores", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        return new World(scope, project.Id, owner, editor, scope.Get<GalleryService>());
    }

    /// <summary>An image as the engine stores it, with its scores.</summary>
    private async Task<Guid> StoreAsync(World world, DateTimeOffset createdAt, double? identity, double? prompt)
    {
        await using var db = factory.Database.CreateContext();
        var blob = await new BlobRecorder(db, world.Scope.Get<IBlobStore>()).StoreAsync(new MemoryStream(TestImages.Png(32, 32)), "image/png");
        var generation = new Generation
        {
            ProjectId = world.ProjectId, RequestedById = world.Editor.Id, Prompt = "a horse", Seed = 1, Scheduler = SchedulerKind.Ddim,
            Steps = 4, GuidanceScale = 7, Width = 32, Height = 32, ModelId = "starter", Status = JobStatus.Succeeded, CreatedAt = createdAt,
        };
        var image = new Image
        {
            GenerationId = generation.Id, BlobHash = blob.Hash, Width = 32, Height = 32, Seed = 1, CreatedAt = createdAt,
            IdentityScore = identity, PromptScore = prompt,
        };
        generation.Images.Add(image);
        db.Generations.Add(generation);
        await db.SaveChangesAsync();
        return image.Id;
    }

    [Fact]
    public async Task Score_sorts_put_the_best_first_and_unscored_images_last_newest_first_among_them()
    {
        await using var w = await SetUpAsync();
        var t = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var low = await StoreAsync(w, t, identity: 0.3, prompt: 0.9);
        var high = await StoreAsync(w, t.AddMinutes(1), identity: 0.8, prompt: 0.1);
        var olderUnscored = await StoreAsync(w, t.AddMinutes(2), identity: null, prompt: null);
        var newerUnscored = await StoreAsync(w, t.AddMinutes(3), identity: null, prompt: null);

        async Task<Guid[]> Order(GallerySort sort) =>
            [.. (await w.Gallery.ListAsync(w.ProjectId, w.Editor.Id, GalleryFilter.None with { Sort = sort })).Select(i => i.Id)];

        Assert.Equal([newerUnscored, olderUnscored, high, low], await Order(GallerySort.Newest));
        Assert.Equal([high, low, newerUnscored, olderUnscored], await Order(GallerySort.Identity));
        Assert.Equal([low, high, newerUnscored, olderUnscored], await Order(GallerySort.Prompt));
    }

    [Fact]
    public async Task Identity_drift_is_a_measured_identity_below_the_projects_threshold_which_owners_can_change()
    {
        await using var w = await SetUpAsync();
        var t = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var drifted = await StoreAsync(w, t, identity: 0.45, prompt: null);
        var faithful = await StoreAsync(w, t.AddMinutes(1), identity: 0.62, prompt: 0.3);
        var unscored = await StoreAsync(w, t.AddMinutes(2), identity: null, prompt: null);

        async Task<Dictionary<Guid, GalleryImage>> Tiles() =>
            (await w.Gallery.ListAsync(w.ProjectId, w.Editor.Id)).ToDictionary(i => i.Id);

        Assert.Equal(Project.DefaultIdentityThreshold, await w.Gallery.IdentityThresholdAsync(w.ProjectId, w.Editor.Id));
        var before = await Tiles();
        Assert.True(before[drifted].IdentityDrift);
        Assert.False(before[faithful].IdentityDrift);
        Assert.False(before[unscored].IdentityDrift);
        Assert.Equal((0.62, 0.3), (before[faithful].IdentityScore!.Value, before[faithful].PromptScore!.Value));

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => w.Gallery.SetIdentityThresholdAsync(w.ProjectId, w.Editor.Id, 0.7));
        await Assert.ThrowsAsync<ProjectRuleException>(() => w.Gallery.SetIdentityThresholdAsync(w.ProjectId, w.Owner.Id, 1.5));
        await w.Gallery.SetIdentityThresholdAsync(w.ProjectId, w.Owner.Id, 0.7);

        var after = await Tiles();
        Assert.Equal(0.7, await w.Gallery.IdentityThresholdAsync(w.ProjectId, w.Editor.Id));
        Assert.True(after[drifted].IdentityDrift);
        Assert.True(after[faithful].IdentityDrift);
        Assert.False(after[unscored].IdentityDrift);
    }
}
