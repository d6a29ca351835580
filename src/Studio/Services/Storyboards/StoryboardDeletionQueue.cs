using DreamTuner.Data;
using DreamTuner.Studio.Options;
using DreamTuner.Studio.Services.Collaboration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>
/// Deleted storyboards during their undo window (<see cref="UndoableDeletionQueue"/>): the row, and with it panels and
/// their history (ON DELETE CASCADE), is removed when the window ends.
/// </summary>
public sealed class StoryboardDeletionQueue(
    IDbContextFactory<StudioDbContext> dbs,
    IOptions<GalleryOptions> options,
    TimeProvider time,
    CollaborationBroadcaster broadcaster,
    ILogger<StoryboardDeletionQueue> logger) : UndoableDeletionQueue(options, time, logger)
{
    protected override string Noun => "storyboard";

    protected override async Task RemoveAsync(Guid id)
    {
        await using var db = await dbs.CreateDbContextAsync();
        await db.Storyboards.Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    protected override Task PublishAsync(Guid projectId, Guid id) =>
        broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Storyboard, projectId, StoryboardId: id));
}
