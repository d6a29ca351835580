using Hangfire;
using Hangfire.Server;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// The generation job the studio enqueues and engine workers implement (the implementation is registered only in
/// the worker's DI, so Hangfire resolves it there).
/// </summary>
/// <remarks>
/// A job is a ticket to run one generation, not a fixed generation: when it starts it claims the next queued
/// generation in fair order (<see cref="GenerationQueue"/>), so one user's tenth request does not starve another
/// user's first. A re-run of the same Hangfire job (crash, abort, retry) resumes what it claimed, and does nothing
/// when that generation already ended.
/// </remarks>
public interface IGenerationJobs
{
    /// <summary>Bounded retries for transient faults (database, I/O); none for <see cref="GenerationFailedException"/>.</summary>
    public const int TransientRetries = 2;

    /// <param name="generationId">The generation this ticket was enqueued for (shown in the dashboard).</param>
    /// <param name="context">Supplied by Hangfire (pass null when enqueuing): the job id is the claim key.</param>
    /// <param name="cancellation">Supplied by Hangfire: cancelled on job deletion and on server shutdown.</param>
    [Queue(JobQueues.Generate)]
    [AutomaticRetry(Attempts = TransientRetries, DelaysInSeconds = [2, 10], ExceptOn = [typeof(GenerationFailedException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    Task RunAsync(Guid generationId, PerformContext? context, CancellationToken cancellation);
}
