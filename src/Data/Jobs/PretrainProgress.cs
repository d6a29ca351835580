namespace DreamTuner.Data.Jobs;

/// <summary>A pretraining job's latest step, stored as a Hangfire job parameter (there is no table for pretraining).</summary>
public sealed record PretrainProgress(int Step, int TotalSteps, double Loss, double RemainingSeconds, DateTimeOffset At);
