using System.Threading.Channels;
using DreamTuner.Studio.Hubs;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Studio.Tests.Collaboration;

/// <summary>Two signed-in clients of the real studio: what one does on an image reaches the other over <c>/hubs/studio</c> and in-process pages.</summary>
public sealed class CollaborationLiveTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Comment_posted_by_one_member_reaches_the_other_viewer_and_a_mention_reaches_only_the_mentioned()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        await using var viewer = await SignedInHubClient.ConnectAsync(factory, w.Viewer.UserName!);
        await using var editor = await SignedInHubClient.ConnectAsync(factory, w.Editor.UserName!);
        var viewerGot = Channel.CreateUnbounded<CollaborationChange>();
        var editorGot = Channel.CreateUnbounded<CollaborationChange>();
        viewer.Hub.On<CollaborationChange>(StudioHubGroups.CollaborationMethod, c => viewerGot.Writer.TryWrite(c));
        editor.Hub.On<CollaborationChange>(StudioHubGroups.CollaborationMethod, c => editorGot.Writer.TryWrite(c));
        await viewer.Hub.InvokeAsync("WatchImage", w.ImageId);
        await editor.Hub.InvokeAsync("WatchImage", w.ImageId);
        var pageGot = Channel.CreateUnbounded<CollaborationChange>();
        using var page = scope.Get<CollaborationUpdates>().Subscribe(w.ImageId, c => pageGot.Writer.TryWrite(c));

        // The editor posts as the image page does (the page calls the same service in the editor's circuit).
        await scope.Get<CommentService>().PostAsync(w.ProjectId, w.ImageId, w.Editor.Id, new CommentDraft($"@{w.Viewer.UserName} the hands?"));

        var comment = await NextAsync(viewerGot, c => c.Kind == CollaborationChangeKind.Comment);
        Assert.Equal((w.ImageId, (Guid?)w.Editor.Id, w.Editor.UserName), (comment.ImageId, comment.ActorId, comment.ActorName));
        var mention = await NextAsync(viewerGot, c => c.Kind == CollaborationChangeKind.Notification);
        Assert.Equal(w.Viewer.Id, mention.RecipientId);
        Assert.Equal(w.ImageId, (await NextAsync(pageGot, c => c.Kind == CollaborationChangeKind.Comment)).ImageId);
        Assert.Equal(w.ImageId, (await NextAsync(editorGot, c => c.Kind == CollaborationChangeKind.Comment)).ImageId);

        // What the viewer reloads on that push is the editor's comment.
        var thread = await scope.Get<CommentService>().ListAsync(w.ProjectId, w.ImageId, w.Viewer.Id);
        Assert.Contains("the hands?", Assert.Single(thread).Body);
        await Task.Delay(500);
        while (editorGot.Reader.TryRead(out var other))
            Assert.NotEqual(CollaborationChangeKind.Notification, other.Kind);
    }

    [Fact]
    public async Task Panel_added_by_one_editor_reaches_a_viewer_watching_the_storyboard()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        await using var viewer = await SignedInHubClient.ConnectAsync(factory, w.Viewer.UserName!);
        var got = Channel.CreateUnbounded<CollaborationChange>();
        viewer.Hub.On<CollaborationChange>(StudioHubGroups.CollaborationMethod, c => got.Writer.TryWrite(c));
        await viewer.Hub.InvokeAsync("WatchStoryboard", board.Id);

        await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);

        var change = await NextAsync(got, c => c.Kind == CollaborationChangeKind.Storyboard);
        Assert.Equal((board.Id, (Guid?)w.Editor.Id), (change.StoryboardId, change.ActorId));
    }

    [Fact]
    public async Task Non_member_cannot_watch_an_image()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        await using var stranger = await SignedInHubClient.ConnectAsync(factory, w.Stranger.UserName!);

        var e = await Assert.ThrowsAsync<HubException>(() => stranger.Hub.InvokeAsync("WatchImage", w.ImageId));
        Assert.Contains("Not found", e.Message);
    }

    private static async Task<CollaborationChange> NextAsync(Channel<CollaborationChange> channel, Func<CollaborationChange, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var change = await channel.Reader.ReadAsync(timeout.Token);
            if (match(change))
                return change;
        }
    }
}
