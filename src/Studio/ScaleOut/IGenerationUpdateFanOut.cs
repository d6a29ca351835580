using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.ScaleOut;

/// <summary>
/// Hands an engine report to the Blazor components of every studio instance (<see cref="Services.GenerationUpdates"/>
/// is per process, and the engine talks to one instance only).
/// </summary>
public interface IGenerationUpdateFanOut
{
    Task PublishAsync(GenerationPreview preview);

    Task PublishAsync(GenerationStatusChange change);
}
