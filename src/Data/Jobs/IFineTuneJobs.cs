using Hangfire;
using Hangfire.Server;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// The fine-tune job the studio enqueues (<see cref="FineTuneDispatcher"/>) and engine workers implement. One job runs
/// exactly one FineTune row; a re-run of the same job (crash, retry) resumes that row from its last checkpoint and does
/// nothing when the row already ended.
/// </summary>
public interface IFineTuneJobs
{
    /// <summary>Bounded retries for transient faults (database, I/O); none for <see cref="GenerationFailedException"/>.</summary>
    public const int TransientRetries = 2;

    /// <param name="fineTuneId">The row this job runs.</param>
    /// <param name="context">Supplied by Hangfire (pass null when enqueuing): the job id is the claim key.</param>
    /// <param name="cancellation">Supplied by Hangfire: cancelled on job deletion and on server shutdown.</param>
    [Queue(JobQueues.FineTune)]
    [AutomaticRetry(Attempts = TransientRetries, DelaysInSeconds = [2, 10], ExceptOn = [typeof(GenerationFailedException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    Task RunAsync(Guid fineTuneId, PerformContext? context, CancellationToken cancellation);
}
