using System.Collections.Concurrent;
using DreamTuner.Data;
using DreamTuner.Studio.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>
/// Deleted storyboards wait here for the undo window (the gallery's <see cref="GalleryOptions.UndoWindow"/>, so both
/// undos feel the same): hidden at once, the row (and with it panels and their history, ON DELETE CASCADE) removed when
/// the window ends. In memory for the same reason as <see cref="ImageDeletionQueue"/>: a restart inside the window
/// brings the storyboard back rather than losing it.
/// </summary>
public sealed class StoryboardDeletionQueue(
    IDbContextFactory<StudioDbContext> dbs,
    IOptions<GalleryOptions> options,
    TimeProvider time,
    Collaboration.CollaborationBroadcaster broadcaster,
    ILogger<StoryboardDeletionQueue> logger) : IDisposable
{
    private const int Waiting = 0;
    private const int Purging = 1;
    private const int Undone = 2;

    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();

    public TimeSpan UndoWindow => options.Value.UndoWindow;

    public bool IsHidden(Guid storyboardId) => _pending.ContainsKey(storyboardId);

    public IReadOnlyList<Guid> HiddenIn(Guid projectId) => [.. _pending.Where(p => p.Value.ProjectId == projectId).Select(p => p.Key)];

    /// <summary>Hides the storyboard now and removes its row when the window ends. False when it is already pending.</summary>
    public bool Schedule(Guid projectId, Guid storyboardId)
    {
        var pending = new Pending(projectId);
        if (!_pending.TryAdd(storyboardId, pending))
            return false;
        pending.Timer = time.CreateTimer(_ => _ = PurgeAsync(storyboardId, pending), null, UndoWindow, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>Undo: true when the storyboard was still waiting (visible again), false when it is already gone.</summary>
    public bool Cancel(Guid storyboardId)
    {
        if (!_pending.TryGetValue(storyboardId, out var pending) || Interlocked.CompareExchange(ref pending.State, Undone, Waiting) != Waiting)
            return false;
        pending.Timer?.Dispose();
        _pending.TryRemove(storyboardId, out _);
        return true;
    }

    private async Task PurgeAsync(Guid storyboardId, Pending pending)
    {
        if (Interlocked.CompareExchange(ref pending.State, Purging, Waiting) != Waiting)
            return;
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            await db.Storyboards.Where(s => s.Id == storyboardId).ExecuteDeleteAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Removing deleted storyboard {StoryboardId} failed", storyboardId);
        }
        finally
        {
            pending.Timer?.Dispose();
            _pending.TryRemove(storyboardId, out _);
        }

        // Pages reload: after a failed removal the storyboard is listed again.
        await broadcaster.PublishAsync(new Collaboration.CollaborationChange(
            Collaboration.CollaborationChangeKind.Storyboard, pending.ProjectId, StoryboardId: storyboardId));
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
