namespace DreamTuner.Studio.Api;

/// <summary>The answer to starting pretraining: the Hangfire job id to poll.</summary>
public sealed record ApiPretrainJobCreated(string JobId);
