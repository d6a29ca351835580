using System.Collections.Concurrent;
using DreamTuner.Data;
using DreamTuner.Studio.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Deleted gallery images wait here for the undo window: hidden from every list at once, their rows removed only when
/// the window ends. The pending set lives in memory on purpose: a restart inside the window brings the image back
/// rather than losing it, and no migration is needed for a state that lasts seconds. The blob is never removed here
/// (content-addressed blobs can be shared by other rows; collecting unreferenced blobs is a separate job).
/// </summary>
public sealed class ImageDeletionQueue(
    IDbContextFactory<StudioDbContext> dbs,
    IOptions<GalleryOptions> options,
    TimeProvider time,
    GalleryEvents events,
    ILogger<ImageDeletionQueue> logger) : IDisposable
{
    private const int Waiting = 0;
    private const int Purging = 1;
    private const int Undone = 2;

    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();

    public TimeSpan UndoWindow => options.Value.UndoWindow;

    /// <summary>Images of the project that are deleted but may still come back (or are being removed right now).</summary>
    public IReadOnlyList<Guid> HiddenIn(Guid projectId) => _pending.Where(p => p.Value.ProjectId == projectId).Select(p => p.Key).ToList();

    public bool IsHidden(Guid imageId) => _pending.ContainsKey(imageId);

    /// <summary>Hides the image now and removes its row when the undo window ends. False when it is already pending.</summary>
    public bool Schedule(Guid projectId, Guid imageId)
    {
        var pending = new Pending(projectId);
        if (!_pending.TryAdd(imageId, pending))
            return false;
        pending.Timer = time.CreateTimer(_ => _ = PurgeAsync(imageId, pending), null, UndoWindow, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>Undo: true when the image was still waiting (it is visible again), false when it is already gone.</summary>
    public bool Cancel(Guid imageId)
    {
        if (!_pending.TryGetValue(imageId, out var pending) || Interlocked.CompareExchange(ref pending.State, Undone, Waiting) != Waiting)
            return false;
        pending.Timer?.Dispose();
        _pending.TryRemove(imageId, out _);
        return true;
    }

    private async Task PurgeAsync(Guid imageId, Pending pending)
    {
        if (Interlocked.CompareExchange(ref pending.State, Purging, Waiting) != Waiting)
            return;
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            // Reviews and comments of the image go with it (ON DELETE CASCADE).
            await db.Images.Where(i => i.Id == imageId).ExecuteDeleteAsync();
        }
        catch (Exception e)
        {
            // The image comes back rather than staying half-deleted; the user can delete it again.
            logger.LogError(e, "Removing deleted image {ImageId} failed", imageId);
        }
        finally
        {
            pending.Timer?.Dispose();
            _pending.TryRemove(imageId, out _);
        }

        events.Publish(pending.ProjectId);
    }

    public void Dispose()
    {
        foreach (var p in _pending.Values)
            p.Timer?.Dispose();
    }

    private sealed class Pending(Guid projectId)
    {
        public int State = Waiting;

        public Guid ProjectId { get; } = projectId;

        public ITimer? Timer { get; set; }
    }
}
