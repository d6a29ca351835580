using DreamTuner.Data.Jobs;

namespace DreamTuner.Engine.Jobs;

/// <summary>Where a running job reports to (the studio hub); never blocks the denoising thread.</summary>
public interface IGenerationEvents
{
    /// <summary>Latest wins: a frame not yet sent is replaced by a newer one.</summary>
    void Preview(PreviewFrame frame);

    /// <summary>Queued in order and never replaced.</summary>
    void Status(GenerationStatusChange change);

    /// <summary>Waits until everything posted so far was sent (or could not be), at most <paramref name="timeout"/>.</summary>
    Task FlushAsync(TimeSpan timeout);
}
