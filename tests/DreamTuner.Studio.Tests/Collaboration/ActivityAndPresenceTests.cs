using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Collaboration;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Feed;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DreamTuner.Studio.Tests.Collaboration;

/// <summary>The activity feed and presence on the real services and database, and the project page's live panel (bunit) fed by them.</summary>
public sealed class ActivityAndPresenceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Feed_lists_verdicts_comments_and_storyboard_edits_newest_first_without_personal_mentions()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        await scope.Get<ReviewService>().SetAsync(w.ProjectId, w.ImageId, w.Editor.Id, ReviewVerdict.Approve, 5);
        await scope.Get<CommentService>().PostAsync(w.ProjectId, w.ImageId, w.Viewer.Id, new CommentDraft($"nice, @{w.Owner.UserName}"));
        var board = await scope.Get<StoryboardService>().CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);

        var feed = await scope.Get<ActivityService>().ListAsync(w.ProjectId, w.Viewer.Id);

        Assert.Equal(
            [ActivityKind.StoryboardCreated, ActivityKind.CommentPosted, ActivityKind.ImageReviewed],
            feed.Take(3).Select(e => e.Kind));
        Assert.DoesNotContain(feed, e => e.Kind == ActivityKind.UserMentioned);
        Assert.Equal((nameof(Storyboard), (Guid?)board.Id, w.Owner.UserName), (feed[0].EntityType, feed[0].EntityId, feed[0].UserName));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => scope.Get<ActivityService>().ListAsync(w.ProjectId, w.Stranger.Id));
    }

    [Fact]
    public async Task Presence_lists_each_viewer_once_until_their_last_page_closes_and_tells_the_others()
    {
        var updates = factory.Services.GetRequiredService<CollaborationUpdates>();
        var presence = factory.Services.GetRequiredService<PresenceTracker>();
        var project = Guid.NewGuid();
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var told = 0;
        using var _ = updates.Subscribe(project, c => { if (c.Kind == CollaborationChangeKind.Presence) Interlocked.Increment(ref told); });

        var annTab1 = await presence.JoinAsync(project, ann, "ann");
        var annTab2 = await presence.JoinAsync(project, ann, "ann");
        var bobTab = await presence.JoinAsync(project, bob, "bob");
        Assert.Equal(["ann", "bob"], presence.Viewers(project).Select(v => v.UserName));

        await annTab1.DisposeAsync();
        Assert.Equal(["ann", "bob"], presence.Viewers(project).Select(v => v.UserName));
        await annTab2.DisposeAsync();
        await annTab2.DisposeAsync(); // twice is harmless
        Assert.Equal(["bob"], presence.Viewers(project).Select(v => v.UserName));
        await bobTab.DisposeAsync();
        Assert.Empty(presence.Viewers(project));
        Assert.Equal(6, told);
    }

    [Fact]
    public async Task Project_activity_panel_shows_another_members_verdict_and_arrival_live()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        await using var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        // The same singletons and services a circuit of the studio gets.
        bunit.Services.AddSingleton(scope.Get<ActivityService>());
        bunit.Services.AddSingleton(scope.Get<PresenceTracker>());
        bunit.Services.AddSingleton(scope.Get<CollaborationUpdates>());
        bunit.Services.AddSingleton(scope.Get<GenerationUpdates>());
        var panel = bunit.Render<ProjectActivityPanel>(p => p.Add(c => c.ProjectId, w.ProjectId).Add(c => c.UserId, w.Viewer.Id).Add(c => c.UserName, w.Viewer.UserName!));
        panel.WaitForAssertion(() => Assert.Contains(w.Viewer.UserName![..2].ToUpperInvariant(), panel.Find("#presence").TextContent));

        await using var editorHere = await scope.Get<PresenceTracker>().JoinAsync(w.ProjectId, w.Editor.Id, w.Editor.UserName!);
        await scope.Get<ReviewService>().SetAsync(w.ProjectId, w.ImageId, w.Editor.Id, ReviewVerdict.NeedsChanges, 2);

        panel.WaitForAssertion(() =>
        {
            Assert.Equal(2, panel.FindAll(".dt-presence-avatar").Count);
            var first = panel.Find(".dt-feed-item");
            Assert.Equal(nameof(ActivityKind.ImageReviewed), first.GetAttribute("data-kind"));
            Assert.Contains("needs changes, 2★", first.TextContent);
            Assert.Equal($"projects/{w.ProjectId}/images/{w.ImageId}/review", first.QuerySelector("a")!.GetAttribute("href"));
        }, TimeSpan.FromSeconds(10));
    }
}
