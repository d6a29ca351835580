using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>Push of generation previews and status changes to Blazor components (see <see cref="KeyedUpdates{THandlers}"/>).</summary>
public sealed class GenerationUpdates(ILogger<GenerationUpdates> logger) : KeyedUpdates<GenerationUpdates.Handlers>(logger)
{
    /// <param name="key">A generation id, group id or project id.</param>
    public IDisposable Subscribe(Guid key, Action<GenerationPreview>? onPreview, Action<GenerationStatusChange>? onStatus) =>
        Add(key, new Handlers(onPreview, onStatus));

    public void Publish(GenerationPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        Deliver(h => h.OnPreview?.Invoke(preview), preview.GenerationId, preview.GroupId, preview.ProjectId);
    }

    public void Publish(GenerationStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(h => h.OnStatus?.Invoke(change), change.GenerationId, change.GroupId, change.ProjectId);
    }

    public sealed record Handlers(Action<GenerationPreview>? OnPreview, Action<GenerationStatusChange>? OnStatus);
}
