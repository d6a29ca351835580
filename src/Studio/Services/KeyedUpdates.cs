using System.Collections.Concurrent;

namespace DreamTuner.Studio.Services;

/// <summary>
/// In-process push to Blazor components (as eShop's order-status notifier): a component subscribes with its handlers
/// to one key (a job, a group, a character or a project id) after first render, updates through InvokeAsync and
/// disposes the subscription. Handlers run on the engine hub's call, so they must be quick (InvokeAsync +
/// StateHasChanged is); one that throws is logged and skipped.
/// </summary>
/// <typeparam name="THandlers">The subscriber's callbacks, one per kind of report.</typeparam>
public abstract class KeyedUpdates<THandlers>(ILogger logger) where THandlers : class
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    protected IDisposable Add(Guid key, THandlers handlers)
    {
        var subscription = new Subscription(key, handlers, this);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    /// <summary>Calls <paramref name="deliver"/> for every subscription whose key is one of <paramref name="keys"/>.</summary>
    protected void Deliver(Action<THandlers> deliver, params Guid?[] keys)
    {
        foreach (var s in _subscriptions.Values.Where(s => keys.Contains(s.Key)))
        {
            try
            {
                deliver(s.Handlers);
            }
            catch (Exception e)
            {
                // One broken page must not stop the others' updates or the engine's call.
                logger.LogWarning(e, "An update handler of {Service} failed", GetType().Name);
            }
        }
    }

    private sealed class Subscription(Guid key, THandlers handlers, KeyedUpdates<THandlers> owner) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public Guid Key { get; } = key;

        public THandlers Handlers { get; } = handlers;

        public void Dispose() => owner._subscriptions.TryRemove(Id, out _);
    }
}
