using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.Reviews;

/// <summary>Verdicts and stars through <see cref="ReviewService"/> against PostgreSQL.</summary>
public sealed class ReviewServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Editor_verdict_is_one_row_per_reviewer_that_a_second_verdict_replaces()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var reviews = scope.Get<ReviewService>();

        await reviews.SetAsync(w.ProjectId, w.ImageId, w.Editor.Id, ReviewVerdict.NeedsChanges, 2);
        await reviews.SetAsync(w.ProjectId, w.ImageId, w.Owner.Id, ReviewVerdict.Approve, 5);
        var summary = await reviews.SetAsync(w.ProjectId, w.ImageId, w.Editor.Id, ReviewVerdict.Approve, 4);

        Assert.Equal(2, summary.Reviews.Count);
        Assert.Equal(2, summary.Count(ReviewVerdict.Approve));
        Assert.Equal(0, summary.Count(ReviewVerdict.NeedsChanges));
        Assert.Equal(4.5, summary.AverageRating);
        Assert.Equal((ReviewVerdict.Approve, 4), (summary.Mine!.Verdict, summary.Mine.Rating));
        await using var db = factory.Database.CreateContext();
        Assert.Equal(2, await db.Reviews.CountAsync(r => r.ImageId == w.ImageId));
        Assert.Equal(3, await db.Activities.CountAsync(a => a.ProjectId == w.ProjectId && a.Kind == ActivityKind.ImageReviewed));
    }

    [Fact]
    public async Task Viewer_cannot_give_a_verdict_and_non_member_gets_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var reviews = scope.Get<ReviewService>();

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => reviews.SetAsync(w.ProjectId, w.ImageId, w.Viewer.Id, ReviewVerdict.Approve, 5));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => reviews.SetAsync(w.ProjectId, w.ImageId, w.Stranger.Id, ReviewVerdict.Approve, 5));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => reviews.SummaryAsync(w.ProjectId, w.ImageId, w.Stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => reviews.GetImageAsync(w.ProjectId, w.ImageId, w.Stranger.Id));
        var seen = await reviews.SummaryAsync(w.ProjectId, w.ImageId, w.Viewer.Id);
        Assert.Empty(seen.Reviews);
        await using var db = factory.Database.CreateContext();
        Assert.False(await db.Reviews.AnyAsync(r => r.ImageId == w.ImageId));
    }

    [Fact]
    public async Task Stars_outside_one_to_five_and_images_of_other_projects_are_refused()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var other = await ReviewWorld.CreateAsync(scope);
        var reviews = scope.Get<ReviewService>();

        await Assert.ThrowsAsync<ProjectRuleException>(() => reviews.SetAsync(w.ProjectId, w.ImageId, w.Editor.Id, ReviewVerdict.Approve, 0));
        await Assert.ThrowsAsync<ProjectRuleException>(() => reviews.SetAsync(w.ProjectId, w.ImageId, w.Editor.Id, ReviewVerdict.Approve, 6));
        // The editor is a member of w's project, not of other's; naming other's image under w's project is not found either.
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => reviews.SetAsync(w.ProjectId, other.ImageId, w.Editor.Id, ReviewVerdict.Approve, 3));
    }
}
