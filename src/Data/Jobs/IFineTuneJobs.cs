using Hangfire;
using Hangfire.Server;

namespace DreamTuner.Data.Jobs;

/// <summary>The fine-tune job (contract only; the engine implements it when training lands).</summary>
public interface IFineTuneJobs
{
    [Queue(JobQueues.FineTune)]
    [AutomaticRetry(Attempts = 2, ExceptOn = [typeof(GenerationFailedException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    Task RunAsync(Guid fineTuneId, PerformContext? context, CancellationToken cancellation);
}
