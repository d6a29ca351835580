using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.Reviews;

/// <summary>Threaded, pinned comments and @mentions through <see cref="CommentService"/> against PostgreSQL.</summary>
public sealed class CommentServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Viewer_can_comment_with_a_pin_and_reply_and_non_member_gets_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var comments = scope.Get<CommentService>();

        var first = await comments.PostAsync(w.ProjectId, w.ImageId, w.Viewer.Id, new CommentDraft("  The left ear is cut off  ", PinX: 0.25, PinY: 0.5));
        var reply = await comments.PostAsync(w.ProjectId, w.ImageId, w.Editor.Id, new CommentDraft("Agreed", first.Id));

        var thread = await comments.ListAsync(w.ProjectId, w.ImageId, w.Owner.Id);
        Assert.Equal([first.Id, reply.Id], thread.Select(c => c.Id));
        Assert.Equal(("The left ear is cut off", 0.25, 0.5, w.Viewer.UserName), (thread[0].Body, thread[0].PinX, thread[0].PinY, thread[0].AuthorName));
        Assert.Equal(first.Id, thread[1].ParentId);
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => comments.PostAsync(w.ProjectId, w.ImageId, w.Stranger.Id, new CommentDraft("hi")));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => comments.ListAsync(w.ProjectId, w.ImageId, w.Stranger.Id));
    }

    [Fact]
    public async Task Half_pins_out_of_range_pins_empty_text_and_replies_across_images_are_refused()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var other = await ReviewWorld.CreateAsync(scope);
        var comments = scope.Get<CommentService>();
        var elsewhere = await comments.PostAsync(other.ProjectId, other.ImageId, other.Owner.Id, new CommentDraft("elsewhere"));

        await Assert.ThrowsAsync<ProjectRuleException>(() => comments.PostAsync(w.ProjectId, w.ImageId, w.Owner.Id, new CommentDraft("x", PinX: 0.5)));
        await Assert.ThrowsAsync<ProjectRuleException>(() => comments.PostAsync(w.ProjectId, w.ImageId, w.Owner.Id, new CommentDraft("x", PinX: 1.5, PinY: 0.5)));
        await Assert.ThrowsAsync<ProjectRuleException>(() => comments.PostAsync(w.ProjectId, w.ImageId, w.Owner.Id, new CommentDraft("   ")));
        await Assert.ThrowsAsync<ProjectRuleException>(() => comments.PostAsync(w.ProjectId, w.ImageId, w.Owner.Id, new CommentDraft("x", elsewhere.Id)));
        Assert.Empty(await comments.ListAsync(w.ProjectId, w.ImageId, w.Owner.Id));
    }

    [Fact]
    public async Task Mentions_of_members_notify_them_once_but_not_the_author_or_non_members()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var comments = scope.Get<CommentService>();
        var notifications = scope.Get<NotificationService>();

        await comments.PostAsync(w.ProjectId, w.ImageId, w.Editor.Id,
            new CommentDraft($"@{w.Viewer.UserName!.ToUpperInvariant()} and @{w.Owner.UserName}, look. @{w.Stranger.UserName} @{w.Editor.UserName} @{w.Viewer.UserName}"));

        var viewerGot = Assert.Single(await notifications.ListAsync(w.Viewer.Id));
        Assert.Equal(w.ProjectId, viewerGot.ProjectId);
        Assert.Equal(w.ImageId, viewerGot.ImageId);
        Assert.Contains($"{w.Editor.UserName} mentioned you", viewerGot.Summary);
        Assert.Single(await notifications.ListAsync(w.Owner.Id));
        Assert.Empty(await notifications.ListAsync(w.Editor.Id));
        Assert.Empty(await notifications.ListAsync(w.Stranger.Id));
    }

    [Fact]
    public async Task Authors_and_owners_delete_softly_and_others_may_not()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var comments = scope.Get<CommentService>();
        var byViewer = await comments.PostAsync(w.ProjectId, w.ImageId, w.Viewer.Id, new CommentDraft("mine"));
        var reply = await comments.PostAsync(w.ProjectId, w.ImageId, w.Editor.Id, new CommentDraft("reply", byViewer.Id));

        await Assert.ThrowsAsync<ProjectRuleException>(() => comments.DeleteAsync(w.ProjectId, byViewer.Id, w.Editor.Id));
        await comments.DeleteAsync(w.ProjectId, byViewer.Id, w.Viewer.Id);
        await comments.DeleteAsync(w.ProjectId, reply.Id, w.Owner.Id);

        var thread = await comments.ListAsync(w.ProjectId, w.ImageId, w.Viewer.Id);
        Assert.All(thread, c => Assert.True(c.IsDeleted));
        Assert.All(thread, c => Assert.Equal("", c.Body));
        Assert.Equal(byViewer.Id, thread[1].ParentId); // the reply keeps its place
    }

    [Fact]
    public async Task Editing_a_comment_someone_changed_meanwhile_is_a_conflict_that_overwrites_nothing()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var comments = scope.Get<CommentService>();
        await comments.PostAsync(w.ProjectId, w.ImageId, w.Editor.Id, new CommentDraft("draft one"));
        var loaded = Assert.Single(await comments.ListAsync(w.ProjectId, w.ImageId, w.Editor.Id));

        await comments.EditAsync(w.ProjectId, loaded.Id, w.Editor.Id, "from tab A", loaded.Version);
        await Assert.ThrowsAsync<CommentConflictException>(() => comments.EditAsync(w.ProjectId, loaded.Id, w.Editor.Id, "from tab B", loaded.Version));
        await Assert.ThrowsAsync<ProjectRuleException>(() => comments.EditAsync(w.ProjectId, loaded.Id, w.Owner.Id, "not yours", loaded.Version));

        var now = Assert.Single(await comments.ListAsync(w.ProjectId, w.ImageId, w.Editor.Id));
        Assert.Equal("from tab A", now.Body);
        Assert.NotNull(now.EditedAt);
    }
}
