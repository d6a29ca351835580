using System.Collections.Concurrent;

namespace DreamTuner.Studio.Services.Collaboration;

/// <summary>
/// Who has a page of a project open now, and who is typing a comment, told to the others through
/// <see cref="CollaborationBroadcaster"/>. Pages join after their membership check and dispose the handle when the
/// circuit leaves them. Held in this process's memory: several studio processes would need a shared store.
/// </summary>
public sealed class PresenceTracker(CollaborationBroadcaster broadcaster)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, ProjectViewer>> _projects = new();

    /// <summary>Marks the user as viewing the project until the returned handle is disposed.</summary>
    public async Task<IAsyncDisposable> JoinAsync(Guid projectId, Guid userId, string userName)
    {
        var session = Guid.NewGuid();
        _projects.GetOrAdd(projectId, _ => new())[session] = new ProjectViewer(userId, userName);
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Presence, projectId, ActorId: userId, ActorName: userName));
        return new Session(this, projectId, session, userId, userName);
    }

    /// <summary>Everyone viewing the project, once each, in name order.</summary>
    public IReadOnlyList<ProjectViewer> Viewers(Guid projectId)
        => _projects.TryGetValue(projectId, out var sessions)
            ? [.. sessions.Values.DistinctBy(v => v.UserId).OrderBy(v => v.UserName, StringComparer.OrdinalIgnoreCase)]
            : [];

    /// <summary>Tells the others viewing the image that the user is typing a comment (receivers let it lapse after a few seconds).</summary>
    public Task TypingAsync(Guid projectId, Guid imageId, Guid userId, string userName)
        => broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Typing, projectId, imageId, ActorId: userId, ActorName: userName));

    private async Task LeaveAsync(Guid projectId, Guid session, Guid userId, string userName)
    {
        if (_projects.TryGetValue(projectId, out var sessions))
            sessions.TryRemove(session, out _);
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Presence, projectId, ActorId: userId, ActorName: userName));
    }

    private sealed class Session(PresenceTracker owner, Guid projectId, Guid session, Guid userId, string userName) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                await owner.LeaveAsync(projectId, session, userId, userName);
        }
    }
}
