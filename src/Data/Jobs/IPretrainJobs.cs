using Hangfire;
using Hangfire.Server;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// Subject-encoder pretraining (DreamTuner stage 1) as an engine job, enqueued by an administrator. It has no table:
/// the request is the job's argument, its state is Hangfire's, and its checkpoints live in the engine's work folder
/// under the Hangfire job id, so a re-run of the same job (killed worker, retry) resumes from the last checkpoint.
/// </summary>
public interface IPretrainJobs
{
    /// <summary>Bounded retries for transient faults (I/O, a lost worker); none for <see cref="GenerationFailedException"/>.</summary>
    public const int TransientRetries = 2;

    /// <summary>Job parameter holding the latest <see cref="PretrainProgress"/> (throttled), read by the studio's status endpoint.</summary>
    public const string ProgressParameter = "PretrainProgress";

    /// <param name="request">What to train and where to write it.</param>
    /// <param name="context">Supplied by Hangfire (pass null when enqueuing): the job id names the work folder.</param>
    /// <param name="cancellation">Supplied by Hangfire: cancelled on job deletion and on server shutdown.</param>
    [Queue(JobQueues.FineTune)]
    [AutomaticRetry(Attempts = TransientRetries, DelaysInSeconds = [2, 10], ExceptOn = [typeof(GenerationFailedException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    Task RunAsync(PretrainJobRequest request, PerformContext? context, CancellationToken cancellation);
}
