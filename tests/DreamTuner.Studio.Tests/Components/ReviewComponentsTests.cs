using Bunit;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Components.Review;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Tests.Components;

public sealed class ReviewComponentsTests : MudComponentTest
{
    private static readonly Guid Me = Guid.NewGuid();

    private static CommentInfo Comment(string body, Guid? parent = null, double? pin = null, Guid? author = null, bool deleted = false) => new(
        Guid.CreateVersion7(), parent, author ?? Guid.NewGuid(), "ann", deleted ? "" : body, pin, pin, DateTimeOffset.UtcNow, null, deleted, 1);

    [Fact]
    public void Verdict_button_submits_the_verdict_with_the_reviewers_saved_stars()
    {
        ReviewSubmission? submitted = null;
        var mine = new ReviewerVerdict(Me, "me", ReviewVerdict.NeedsChanges, 4, DateTimeOffset.UtcNow);
        var summary = new ImageReviewSummary([mine, new ReviewerVerdict(Guid.NewGuid(), "bo", ReviewVerdict.Approve, 2, DateTimeOffset.UtcNow)], 3, mine);
        var bar = Context.Render<ReviewVerdictBar>(p => p.Add(c => c.Summary, summary).Add(c => c.CanReview, true).Add(c => c.OnSubmit, s => submitted = s));

        Assert.Contains("1 approved · 1 need changes · 0 rejected", bar.Find(".dt-review-counts").TextContent);
        Assert.Contains("3.0 ★ average", bar.Markup);
        Assert.Equal("true", bar.Find("button.dt-verdict-needschanges").GetAttribute("aria-pressed"));
        bar.Find("button.dt-verdict-approve").Click();
        Assert.Equal(new ReviewSubmission(ReviewVerdict.Approve, 4), submitted);
    }

    [Fact]
    public void Viewer_sees_the_verdicts_but_no_verdict_buttons()
    {
        var summary = new ImageReviewSummary([new ReviewerVerdict(Guid.NewGuid(), "bo", ReviewVerdict.Reject, 1, DateTimeOffset.UtcNow)], 1, null);
        var bar = Context.Render<ReviewVerdictBar>(p => p.Add(c => c.Summary, summary).Add(c => c.CanReview, false));

        Assert.Empty(bar.FindAll("button.dt-verdict"));
        Assert.NotNull(bar.Find("#review-readonly"));
        Assert.Contains("bo", bar.Find(".dt-reviewers").TextContent);
    }

    [Fact]
    public void Thread_puts_replies_under_their_parent_numbers_pins_and_highlights_mentions()
    {
        var top = Comment("first @bob look", pin: 0.5);
        var second = Comment("second");
        var reply = Comment("answer", parent: top.Id, pin: 0.25);
        var thread = Context.Render<CommentThread>(p => p.Add(c => c.Comments, [top, second, reply]).Add(c => c.CanComment, true));

        var items = thread.FindAll("li.dt-comment");
        Assert.Equal([top.Id.ToString(), reply.Id.ToString(), second.Id.ToString()], items.Select(i => i.GetAttribute("data-comment-id")));
        Assert.Contains("dt-depth-1", items[1].ClassName);
        Assert.Equal("@bob", thread.Find(".dt-mention").TextContent);
        Assert.Equal(["pin 1", "pin 2"], thread.FindAll(".dt-pin-ref").Select(e => e.TextContent));
    }

    [Fact]
    public void Typing_an_at_sign_offers_members_and_ctrl_enter_posts_a_reply_with_the_pending_pin()
    {
        CommentDraft? posted = null;
        var typed = 0;
        var top = Comment("hello");
        var thread = Context.Render<CommentThread>(p => p
            .Add(c => c.Comments, [top]).Add(c => c.CanComment, true).Add(c => c.MemberNames, ["bob", "bella", "carl"])
            .Add(c => c.PendingPin, new ImagePin(0, 0.1, 0.2, null))
            .Add(c => c.OnPost, d => posted = d).Add(c => c.OnTyping, () => typed++));

        thread.Find("button.dt-reply").Click();
        thread.Find("textarea").Input("see @b");
        Assert.Equal(["@bob", "@bella"], thread.FindAll(".dt-mention-hint").Select(b => b.TextContent));
        thread.FindAll(".dt-mention-hint")[0].Click();
        thread.Find("textarea").KeyDown(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });

        Assert.Equal(new CommentDraft("see @bob ", top.Id, 0.1, 0.2), posted);
        Assert.True(typed > 0);
        Assert.Equal("", thread.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Viewer_of_a_deleted_comment_sees_its_place_without_words_or_buttons()
    {
        var gone = Comment("secret", author: Me, deleted: true);
        var thread = Context.Render<CommentThread>(p => p.Add(c => c.Comments, [gone]).Add(c => c.CanComment, true).Add(c => c.CurrentUserId, Me));

        Assert.Contains("(deleted)", thread.Find(".dt-comment-body").TextContent);
        Assert.Empty(thread.FindAll("button.dt-delete-comment"));
        Assert.DoesNotContain("secret", thread.Markup);
    }

    [Fact]
    public void Click_on_the_image_reports_the_point_as_fractions_of_it()
    {
        ImagePin? pinned = null;
        var image = Context.Render<PinnedImage>(p => p.Add(c => c.Width, 1024).Add(c => c.Height, 512).Add(c => c.MaxSide, 512)
            .Add(c => c.CanPin, true).Add(c => c.OnPin, pin => pinned = pin)
            .Add(c => c.Pins, [new ImagePin(1, 0.5, 0.25, null)]));

        image.Find("img").Click(new MouseEventArgs { OffsetX = 128, OffsetY = 192 });

        Assert.Equal((0.25, 0.75), (pinned!.X, pinned.Y));
        Assert.Equal("256", image.Find("img").GetAttribute("height"));
        Assert.Contains("left:50%;top:25%", image.Find(".dt-pin").GetAttribute("style"));
    }
}
