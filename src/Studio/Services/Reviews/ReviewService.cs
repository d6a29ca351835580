using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Feed;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Reviews;

/// <summary>Verdicts (approve / reject / needs changes) with 1-5 stars, one per reviewer and image; Editors and Owners review, every member sees them.</summary>
public sealed class ReviewService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, CollaborationBroadcaster broadcaster, TimeProvider time)
{
    /// <summary>The image with the settings that made it; ids of another project's images are not found.</summary>
    public async Task<GalleryImage> GetImageAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Images.AsNoTracking()
            .Where(i => i.Id == imageId && i.Generation!.ProjectId == projectId)
            .Select(i => new GalleryImage(i.Id, i.GenerationId, i.BatchIndex, i.Width, i.Height, i.Seed,
                i.Generation!.Prompt, i.Generation.NegativePrompt, i.Generation.Scheduler, i.Generation.Steps,
                i.Generation.GuidanceScale, i.Generation.ModelId, i.Metadata, i.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
    }

    public async Task<ImageReviewSummary> SummaryAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await ProjectImages.RequireAsync(db, projectId, imageId, cancellationToken);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.ImageId == imageId)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new ReviewerVerdict(r.UserId, r.User!.UserName ?? "", r.Verdict, r.Rating, r.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new ImageReviewSummary(reviews, reviews.Count == 0 ? null : reviews.Average(r => r.Rating), reviews.FirstOrDefault(r => r.UserId == userId));
    }

    /// <summary>Sets the user's verdict and stars on the image (replacing their earlier ones) and tells everyone viewing it.</summary>
    public async Task<ImageReviewSummary> SetAsync(
        Guid projectId, Guid imageId, Guid userId, ReviewVerdict verdict, int rating, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.Review, cancellationToken);
        if (rating is < 1 or > 5)
            throw new ProjectRuleException("Give 1 to 5 stars.");
        if (!Enum.IsDefined(verdict))
            throw new ProjectRuleException("Choose approve, reject or needs changes.");

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await ProjectImages.RequireAsync(db, projectId, imageId, cancellationToken);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement, so two tabs of the same reviewer (or a double click) cannot race into the unique index.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "Reviews" ("Id", "ImageId", "UserId", "Verdict", "Rating", "CreatedAt", "UpdatedAt")
            VALUES ({Guid.CreateVersion7()}, {imageId}, {userId}, {verdict.ToString()}, {rating}, {now}, {now})
            ON CONFLICT ("ImageId", "UserId") DO UPDATE SET "Verdict" = EXCLUDED."Verdict", "Rating" = EXCLUDED."Rating", "UpdatedAt" = EXCLUDED."UpdatedAt"
            """,
            cancellationToken);
        var name = await ProjectImages.UserNameAsync(db, userId, cancellationToken);
        ActivityLog.Add(db, projectId, userId, ActivityKind.ImageReviewed, $"{name}: {Describe(verdict)}, {rating}★", now, nameof(Image), imageId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Review, projectId, imageId, ActorId: userId, ActorName: name));
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Activity, projectId, ActorId: userId, ActorName: name));
        return await SummaryAsync(projectId, imageId, userId, cancellationToken);
    }

    /// <summary>Words for a verdict ("approved").</summary>
    public static string Describe(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Approve => "approved",
        ReviewVerdict.Reject => "rejected",
        ReviewVerdict.NeedsChanges => "needs changes",
        _ => verdict.ToString(),
    };
}
