using System.Collections.Concurrent;
using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Deleted rows wait here for the undo window (<see cref="GalleryOptions.UndoWindow"/>, so every undo feels the same):
/// hidden from every list at once, removed only when the window ends. The pending set lives in memory on purpose: a
/// restart inside the window brings the row back rather than losing it, and no migration is needed for a state that
/// lasts seconds. Subclasses say how a row is removed and whom to tell.
/// </summary>
public abstract class UndoableDeletionQueue(IOptions<GalleryOptions> options, TimeProvider time, ILogger logger) : IDisposable
{
    private const int Waiting = 0;
    private const int Purging = 1;
    private const int Undone = 2;

    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();

    public TimeSpan UndoWindow => options.Value.UndoWindow;

    /// <summary>Rows of the project that are deleted but may still come back (or are being removed right now).</summary>
    public IReadOnlyList<Guid> HiddenIn(Guid projectId) => [.. _pending.Where(p => p.Value.ProjectId == projectId).Select(p => p.Key)];

    public bool IsHidden(Guid id) => _pending.ContainsKey(id);

    /// <summary>Hides the row now and removes it when the undo window ends. False when it is already pending.</summary>
    public bool Schedule(Guid projectId, Guid id)
    {
        var pending = new Pending(projectId);
        if (!_pending.TryAdd(id, pending))
            return false;
        pending.Timer = time.CreateTimer(_ => _ = PurgeAsync(id, pending), null, UndoWindow, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>Undo: true when the row was still waiting (it is visible again), false when it is already gone.</summary>
    public bool Cancel(Guid id)
    {
        if (!_pending.TryGetValue(id, out var pending) || Interlocked.CompareExchange(ref pending.State, Undone, Waiting) != Waiting)
            return false;
        pending.Timer?.Dispose();
        _pending.TryRemove(id, out _);
        return true;
    }

    /// <summary>What the queue holds, for the log ("image", "storyboard").</summary>
    protected abstract string Noun { get; }

    /// <summary>Deletes the row (its dependants go by ON DELETE CASCADE).</summary>
    protected abstract Task RemoveAsync(Guid id);

    /// <summary>Tells open pages to reload: after a failed removal the row is listed again.</summary>
    protected abstract Task PublishAsync(Guid projectId, Guid id);

    private async Task PurgeAsync(Guid id, Pending pending)
    {
        if (Interlocked.CompareExchange(ref pending.State, Purging, Waiting) != Waiting)
            return;
        try
        {
            await RemoveAsync(id);
        }
        catch (Exception e)
        {
            // The row comes back rather than staying half-deleted; the user can delete it again.
            logger.LogError(e, "Removing deleted {Noun} {Id} failed", Noun, id);
        }
        finally
        {
            pending.Timer?.Dispose();
            _pending.TryRemove(id, out _);
        }

        await PublishAsync(pending.ProjectId, id);
    }

    public void Dispose()
    {
        foreach (var p in _pending.Values)
            p.Timer?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Pending(Guid projectId)
    {
        public int State = Waiting;

        public Guid ProjectId { get; } = projectId;

        public ITimer? Timer { get; set; }
    }
}
