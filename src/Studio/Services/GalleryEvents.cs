using System.Collections.Concurrent;

namespace DreamTuner.Studio.Services;

/// <summary>
/// In-process notice that a project's gallery changed in a way the engine does not report (an image deleted or brought
/// back), so every open gallery of the project reloads. Same subscribe/dispose pattern as <see cref="GenerationUpdates"/>.
/// </summary>
public sealed class GalleryEvents(ILogger<GalleryEvents> logger)
{
    private readonly ConcurrentDictionary<Guid, (Guid ProjectId, Action Handler)> _subscriptions = new();

    public IDisposable Subscribe(Guid projectId, Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var id = Guid.NewGuid();
        _subscriptions[id] = (projectId, onChanged);
        return new Subscription(() => _subscriptions.TryRemove(id, out _));
    }

    public void Publish(Guid projectId)
    {
        foreach (var (pid, handler) in _subscriptions.Values)
        {
            if (pid != projectId)
                continue;
            try
            {
                handler();
            }
            catch (Exception e)
            {
                // One broken page must not keep the others stale.
                logger.LogWarning(e, "A gallery change handler failed");
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                dispose();
        }
    }
}
