using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.ScaleOut;

/// <summary>One studio instance: the engine's reports go straight to this process's components.</summary>
public sealed class LocalEngineUpdateFanOut(GenerationUpdates updates, FineTuneUpdates fineTunes) : IEngineUpdateFanOut
{
    public Task PublishAsync(GenerationPreview preview)
    {
        updates.Publish(preview);
        return Task.CompletedTask;
    }

    public Task PublishAsync(GenerationStatusChange change)
    {
        updates.Publish(change);
        return Task.CompletedTask;
    }

    public Task PublishAsync(FineTuneProgress progress)
    {
        fineTunes.Publish(progress);
        return Task.CompletedTask;
    }

    public Task PublishAsync(FineTuneValidationImage image)
    {
        fineTunes.Publish(image);
        return Task.CompletedTask;
    }

    public Task PublishAsync(FineTuneStatusChange change)
    {
        fineTunes.Publish(change);
        return Task.CompletedTask;
    }
}
