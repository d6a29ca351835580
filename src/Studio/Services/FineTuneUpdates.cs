using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>Push of fine-tune progress, validation images and status changes to Blazor components (see <see cref="KeyedUpdates{THandlers}"/>).</summary>
public sealed class FineTuneUpdates(ILogger<FineTuneUpdates> logger) : KeyedUpdates<FineTuneUpdates.Handlers>(logger)
{
    /// <param name="key">A fine-tune id, character id or project id.</param>
    public IDisposable Subscribe(Guid key, Action<FineTuneProgress>? onProgress, Action<FineTuneValidationImage>? onValidation,
        Action<FineTuneStatusChange>? onStatus) => Add(key, new Handlers(onProgress, onValidation, onStatus));

    public void Publish(FineTuneProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Deliver(h => h.OnProgress?.Invoke(progress), progress.FineTuneId, progress.CharacterId, progress.ProjectId);
    }

    public void Publish(FineTuneValidationImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Deliver(h => h.OnValidation?.Invoke(image), image.FineTuneId, image.CharacterId, image.ProjectId);
    }

    public void Publish(FineTuneStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(h => h.OnStatus?.Invoke(change), change.FineTuneId, change.CharacterId, change.ProjectId);
    }

    public sealed record Handlers(Action<FineTuneProgress>? OnProgress, Action<FineTuneValidationImage>? OnValidation, Action<FineTuneStatusChange>? OnStatus);
}
