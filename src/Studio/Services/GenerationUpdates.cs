using System.Collections.Concurrent;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>
/// In-process push of engine reports to Blazor components (as eShop's order-status notifier): a component subscribes
/// to a generation, batch or project after first render, updates through InvokeAsync, and disposes the subscription.
/// Handlers run on the engine hub's call, so they must be quick (InvokeAsync + StateHasChanged is).
/// </summary>
public sealed class GenerationUpdates(ILogger<GenerationUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <param name="key">A generation id, group id or project id.</param>
    public IDisposable Subscribe(Guid key, Action<GenerationPreview>? onPreview, Action<GenerationStatusChange>? onStatus)
    {
        var subscription = new Subscription(key, onPreview, onStatus, this);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public void Publish(GenerationPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        foreach (var s in Matching(preview.GenerationId, preview.GroupId, preview.ProjectId))
            Invoke(() => s.OnPreview?.Invoke(preview));
    }

    public void Publish(GenerationStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var s in Matching(change.GenerationId, change.GroupId, change.ProjectId))
            Invoke(() => s.OnStatus?.Invoke(change));
    }

    private IEnumerable<Subscription> Matching(Guid generationId, Guid? groupId, Guid projectId) =>
        _subscriptions.Values.Where(s => s.Key == generationId || s.Key == projectId || (groupId is { } g && s.Key == g));

    private void Invoke(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            // One broken page must not stop the others' updates or the engine's call.
            logger.LogWarning(e, "A generation update handler failed");
        }
    }

    private sealed class Subscription(Guid key, Action<GenerationPreview>? onPreview, Action<GenerationStatusChange>? onStatus, GenerationUpdates owner)
        : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public Guid Key { get; } = key;

        public Action<GenerationPreview>? OnPreview { get; } = onPreview;

        public Action<GenerationStatusChange>? OnStatus { get; } = onStatus;

        public void Dispose() => owner._subscriptions.TryRemove(Id, out _);
    }
}
