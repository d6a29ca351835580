using System.Collections.Concurrent;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>
/// In-process push of fine-tune reports to Blazor components, as <see cref="GenerationUpdates"/> does for generations:
/// subscribe to a fine-tune, a character or a project after first render, update through InvokeAsync, dispose the
/// subscription. Handlers run on the engine hub's call, so they must be quick.
/// </summary>
public sealed class FineTuneUpdates(ILogger<FineTuneUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <param name="key">A fine-tune id, character id or project id.</param>
    public IDisposable Subscribe(Guid key, Action<FineTuneProgress>? onProgress, Action<FineTuneValidationImage>? onValidation,
        Action<FineTuneStatusChange>? onStatus)
    {
        var subscription = new Subscription(key, onProgress, onValidation, onStatus, this);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public void Publish(FineTuneProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        foreach (var s in Matching(progress.FineTuneId, progress.CharacterId, progress.ProjectId))
            Invoke(() => s.OnProgress?.Invoke(progress));
    }

    public void Publish(FineTuneValidationImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var s in Matching(image.FineTuneId, image.CharacterId, image.ProjectId))
            Invoke(() => s.OnValidation?.Invoke(image));
    }

    public void Publish(FineTuneStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var s in Matching(change.FineTuneId, change.CharacterId, change.ProjectId))
            Invoke(() => s.OnStatus?.Invoke(change));
    }

    private IEnumerable<Subscription> Matching(Guid fineTuneId, Guid characterId, Guid projectId) =>
        _subscriptions.Values.Where(s => s.Key == fineTuneId || s.Key == characterId || s.Key == projectId);

    private void Invoke(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            // One broken page must not stop the others' updates or the engine's call.
            logger.LogWarning(e, "A fine-tune update handler failed");
        }
    }

    private sealed class Subscription(
        Guid key, Action<FineTuneProgress>? onProgress, Action<FineTuneValidationImage>? onValidation, Action<FineTuneStatusChange>? onStatus,
        FineTuneUpdates owner) : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public Guid Key { get; } = key;

        public Action<FineTuneProgress>? OnProgress { get; } = onProgress;

        public Action<FineTuneValidationImage>? OnValidation { get; } = onValidation;

        public Action<FineTuneStatusChange>? OnStatus { get; } = onStatus;

        public void Dispose() => owner._subscriptions.TryRemove(Id, out _);
    }
}
