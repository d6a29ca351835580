using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Collaboration;
using DreamTuner.Studio.Services.Feed;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Components;

public sealed class ActivityFeedTests : MudComponentTest
{
    [Fact]
    public void Lines_link_to_what_they_are_about_with_relative_times()
    {
        var project = Guid.NewGuid();
        var (image, board) = (Guid.NewGuid(), Guid.NewGuid());
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var feed = Context.Render<ActivityFeed>(p => p.Add(c => c.ProjectId, project).Add(c => c.Now, now).Add(c => c.Entries,
        [
            new ActivityEntry(Guid.NewGuid(), ActivityKind.ImageReviewed, "ann", "ann: approved, 5★", nameof(Image), image, now.AddSeconds(-5)),
            new ActivityEntry(Guid.NewGuid(), ActivityKind.PanelMoved, "bob", "Moved panel 1 to 2", nameof(Storyboard), board, now.AddMinutes(-3)),
            new ActivityEntry(Guid.NewGuid(), ActivityKind.MemberAdded, null, "Added cy as Viewer", null, null, now.AddDays(-2)),
        ]));

        var items = feed.FindAll(".dt-feed-item");
        Assert.Equal($"projects/{project}/images/{image}/review", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"projects/{project}/storyboards/{board}", items[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(items[2].QuerySelector("a"));
        Assert.Equal(["just now", "3 min ago", "2026-11-24"], items.Select(i => i.QuerySelector(".dt-feed-time")!.TextContent));
    }

    [Fact]
    public void Empty_feed_says_so()
    {
        var feed = Context.Render<ActivityFeed>();
        Assert.NotNull(feed.Find("#no-activity"));
    }
}
