using DreamTuner.Data;
using DreamTuner.Studio.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Deleted gallery images during their undo window (<see cref="UndoableDeletionQueue"/>). The blob is never removed
/// here (content-addressed blobs can be shared by other rows; collecting unreferenced blobs is a separate job).
/// </summary>
public sealed class ImageDeletionQueue(
    IDbContextFactory<StudioDbContext> dbs,
    IOptions<GalleryOptions> options,
    TimeProvider time,
    GalleryEvents events,
    ILogger<ImageDeletionQueue> logger) : UndoableDeletionQueue(options, time, logger)
{
    protected override string Noun => "image";

    protected override async Task RemoveAsync(Guid id)
    {
        await using var db = await dbs.CreateDbContextAsync();
        // Reviews and comments of the image go with it (ON DELETE CASCADE).
        await db.Images.Where(i => i.Id == id).ExecuteDeleteAsync();
    }

    protected override Task PublishAsync(Guid projectId, Guid id)
    {
        events.Publish(projectId);
        return Task.CompletedTask;
    }
}
