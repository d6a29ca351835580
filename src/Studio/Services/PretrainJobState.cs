using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>
/// A pretraining job as Hangfire knows it: state name (Enqueued, Processing, Succeeded, Failed, Deleted), the state's
/// reason, the engine's error message when Failed, the request and the latest progress.
/// </summary>
public sealed record PretrainJobState(
    string JobId, string State, string? Reason, string? Error, DateTimeOffset CreatedAt, PretrainJobRequest? Request, PretrainProgress? Progress);
