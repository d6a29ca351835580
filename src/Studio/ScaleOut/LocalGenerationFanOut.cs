using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.ScaleOut;

/// <summary>One studio instance: the engine's reports go straight to this process's components.</summary>
public sealed class LocalGenerationFanOut(GenerationUpdates updates) : IGenerationUpdateFanOut
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
}
