using System.Collections.Concurrent;

namespace DreamTuner.Studio.Services.Collaboration;

/// <summary>
/// In-process push of collaboration changes to Blazor components (as <see cref="GenerationUpdates"/> does for jobs):
/// a component subscribes to a project, image, storyboard or its own user id after first render, updates through
/// InvokeAsync, and disposes the subscription. Every circuit of this studio process hears every change.
/// </summary>
public sealed class CollaborationUpdates(ILogger<CollaborationUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <param name="key">A project, image, storyboard or user id.</param>
    /// <param name="onChange">Called on the publisher's thread: keep it quick (InvokeAsync + reload is).</param>
    public IDisposable Subscribe(Guid key, Action<CollaborationChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = new Subscription(key, onChange, this);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public void Publish(CollaborationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var keys = change.Keys().ToHashSet();
        foreach (var s in _subscriptions.Values.Where(s => keys.Contains(s.Key)))
        {
            try
            {
                s.OnChange(change);
            }
            catch (Exception e)
            {
                // One broken page must not stop the others' updates or the service call that published.
                logger.LogWarning(e, "A collaboration update handler failed");
            }
        }
    }

    private sealed class Subscription(Guid key, Action<CollaborationChange> onChange, CollaborationUpdates owner) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public Guid Key { get; } = key;

        public Action<CollaborationChange> OnChange { get; } = onChange;

        public void Dispose() => owner._subscriptions.TryRemove(Id, out _);
    }
}
