using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>
/// A project's generated images, for every member (View): the gallery, the image endpoint and the API; deleting
/// (requester or Owner) with an undo window (<see cref="ImageDeletionQueue"/>).
/// </summary>
public sealed class GalleryService(
    IDbContextFactory<StudioDbContext> dbs,
    IBlobStore blobs,
    ProjectAccess access,
    ImageDeletionQueue deletions,
    GalleryEvents events)
{
    /// <summary>How long Undo can bring a deleted image back.</summary>
    public TimeSpan UndoWindow => deletions.UndoWindow;

    /// <summary>The project's images, newest first, with the settings that made them; deleted ones are never listed.</summary>
    public async Task<IReadOnlyList<GalleryImage>> ListAsync(
        Guid projectId, Guid userId, GalleryFilter? filter = null, int take = 200, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        filter ??= GalleryFilter.None;
        var hidden = deletions.HiddenIn(projectId);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var images = db.Images.AsNoTracking().Where(i => i.Generation!.ProjectId == projectId);
        if (hidden.Count > 0)
            images = images.Where(i => !hidden.Contains(i.Id));
        if (filter.CharacterId is { } characterId)
            images = images.Where(i => i.Generation!.CharacterIds.Contains(characterId));
        if (filter.RequestedById is { } requester)
            images = images.Where(i => i.Generation!.RequestedById == requester);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            images = images.Where(i => i.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            images = images.Where(i => i.CreatedAt < end);
        }

        images = filter.Status switch
        {
            null => images,
            GalleryStatus.Unreviewed => images.Where(i => !i.Reviews.Any()),
            GalleryStatus.Approved => images.Where(i => i.Reviews.Any(r => r.Verdict == ReviewVerdict.Approve)),
            GalleryStatus.Rejected => images.Where(i => i.Reviews.Any(r => r.Verdict == ReviewVerdict.Reject)),
            GalleryStatus.NeedsChanges => images.Where(i => i.Reviews.Any(r => r.Verdict == ReviewVerdict.NeedsChanges)),
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Status, "unknown gallery status"),
        };

        var threshold = await db.Projects.Where(p => p.Id == projectId).Select(p => p.IdentityThreshold).SingleAsync(cancellationToken);
        return await Sorted(images, filter.Sort)
            .Take(Math.Clamp(take, 1, 1000))
            .Select(i => new GalleryImage(i.Id, i.GenerationId, i.BatchIndex, i.Width, i.Height, i.Seed,
                i.Generation!.Prompt, i.Generation.NegativePrompt, i.Generation.Scheduler, i.Generation.Steps,
                i.Generation.GuidanceScale, i.Generation.ModelId, i.Metadata, i.CreatedAt,
                i.Generation.RequestedById, i.Generation.RequestedBy!.UserName,
                i.IdentityScore, i.PromptScore, i.IdentityScore < threshold))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The identity score below which the project's tiles warn of identity drift.</summary>
    public async Task<double> IdentityThresholdAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Projects.Where(p => p.Id == projectId).Select(p => p.IdentityThreshold).SingleAsync(cancellationToken);
    }

    /// <summary>Sets the identity-drift threshold (Owners only); every member's gallery reloads with the new badges.</summary>
    /// <exception cref="ProjectRuleException">Not a number in [0, 1].</exception>
    public async Task SetIdentityThresholdAsync(Guid projectId, Guid userId, double threshold, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.ManageSettings, cancellationToken);
        if (!double.IsFinite(threshold) || threshold is < 0 or > 1)
            throw new ProjectRuleException("The identity threshold is a cosine similarity: give a number from 0 to 1.");
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
            await db.Projects.Where(p => p.Id == projectId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.IdentityThreshold, threshold), cancellationToken);
        events.Publish(projectId);
    }

    private static IQueryable<Image> Sorted(IQueryable<Image> images, GallerySort sort) => sort switch
    {
        GallerySort.Newest => images.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.BatchIndex),
        GallerySort.Identity => images.OrderBy(i => i.IdentityScore == null).ThenByDescending(i => i.IdentityScore)
            .ThenByDescending(i => i.CreatedAt).ThenBy(i => i.BatchIndex),
        GallerySort.Prompt => images.OrderBy(i => i.PromptScore == null).ThenByDescending(i => i.PromptScore)
            .ThenByDescending(i => i.CreatedAt).ThenBy(i => i.BatchIndex),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "unknown gallery sort"),
    };

    /// <summary>
    /// Deletes an image with an undo window: it disappears from every gallery at once and its row is removed when the
    /// window ends. The person who generated it, or an Owner, may; an image used in a storyboard is refused.
    /// </summary>
    /// <exception cref="ProjectRuleException">Someone else's image (and not an Owner), or used in a storyboard.</exception>
    public async Task DeleteAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.Images.AsNoTracking()
                .Where(i => i.Id == imageId && i.Generation!.ProjectId == projectId)
                .Select(i => new { i.Generation!.RequestedById })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
            if (deletions.IsHidden(imageId))
                throw new ProjectNotFoundException();
            if (found.RequestedById != userId && role != ProjectRole.Owner)
                throw new ProjectRuleException("Only the person who generated an image, or an Owner, can delete it.");
            // A panel version points at the image and would vanish with it (cascade): the storyboard's history wins.
            if (await db.PanelVersions.AnyAsync(v => v.ImageId == imageId, cancellationToken))
                throw new ProjectRuleException("This image is used in a storyboard; remove it there first.");
        }

        deletions.Schedule(projectId, imageId);
        events.Publish(projectId);
    }

    /// <summary>Undo of <see cref="DeleteAsync"/>: true when the image is back, false when the window had already ended.</summary>
    public async Task<bool> UndoDeleteAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        if (!deletions.HiddenIn(projectId).Contains(imageId))
            return false;
        var restored = deletions.Cancel(imageId);
        if (restored)
            events.Publish(projectId);
        return restored;
    }

    /// <summary>The stored image bytes of an image of this project; anything else is <see cref="ProjectNotFoundException"/>.</summary>
    public async Task<(Stream Content, string ContentType)> OpenAsync(Guid projectId, Guid imageId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var found = await db.Images.AsNoTracking()
            .Where(i => i.Id == imageId && i.Generation!.ProjectId == projectId)
            .Select(i => new { i.BlobHash, i.Blob!.ContentType })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        return (blobs.OpenRead(found.BlobHash), string.IsNullOrEmpty(found.ContentType) ? "image/png" : found.ContentType);
    }

    /// <summary>The project an image belongs to (for the API's /api/images/{id}); unknown ids give <see cref="ProjectNotFoundException"/>.</summary>
    public async Task<Guid> ProjectOfAsync(Guid imageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Images.AsNoTracking().Where(i => i.Id == imageId).Select(i => (Guid?)i.Generation!.ProjectId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
    }
}
