using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>A project's generated images, for every member (View): the gallery, the image endpoint and the API.</summary>
public sealed class GalleryService(IDbContextFactory<StudioDbContext> dbs, IBlobStore blobs, ProjectAccess access)
{
    /// <summary>The project's images, newest first, with the settings that made them.</summary>
    public async Task<IReadOnlyList<GalleryImage>> ListAsync(Guid projectId, Guid userId, int take = 200, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Images.AsNoTracking()
            .Where(i => i.Generation!.ProjectId == projectId)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.BatchIndex)
            .Take(Math.Clamp(take, 1, 1000))
            .Select(i => new GalleryImage(i.Id, i.GenerationId, i.BatchIndex, i.Width, i.Height, i.Seed,
                i.Generation!.Prompt, i.Generation.NegativePrompt, i.Generation.Scheduler, i.Generation.Steps,
                i.Generation.GuidanceScale, i.Generation.ModelId, i.Metadata, i.CreatedAt))
            .ToListAsync(cancellationToken);
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
