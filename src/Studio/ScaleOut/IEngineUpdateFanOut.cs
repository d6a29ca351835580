using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.ScaleOut;

/// <summary>
/// Hands an engine report (generation or fine-tune) to the Blazor components of every studio instance
/// (<see cref="Services.GenerationUpdates"/> and <see cref="Services.FineTuneUpdates"/> are per process, and the engine
/// talks to one instance only).
/// </summary>
public interface IEngineUpdateFanOut
{
    Task PublishAsync(GenerationPreview preview);

    Task PublishAsync(GenerationStatusChange change);

    Task PublishAsync(FineTuneProgress progress);

    Task PublishAsync(FineTuneValidationImage image);

    Task PublishAsync(FineTuneStatusChange change);
}
