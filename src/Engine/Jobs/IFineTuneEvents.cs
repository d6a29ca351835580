using DreamTuner.Data.Jobs;

namespace DreamTuner.Engine.Jobs;

/// <summary>Where a running fine-tune reports to (the studio hub); never blocks the training thread.</summary>
public interface IFineTuneEvents
{
    /// <summary>Latest wins: an unsent report is replaced by a newer one, which takes over its loss points.</summary>
    void FineTuneProgress(FineTuneProgress progress);

    /// <summary>Validation images are rare and each is worth showing: queued (a few at most) and encoded off the training thread.</summary>
    void FineTuneValidation(ValidationFrame frame);

    /// <summary>Queued in order with generation status changes and never replaced.</summary>
    void FineTuneStatus(FineTuneStatusChange change);

    /// <summary>Waits until everything posted so far was sent (or could not be), at most <paramref name="timeout"/>.</summary>
    Task FlushAsync(TimeSpan timeout);
}
