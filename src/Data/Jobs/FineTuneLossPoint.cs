namespace DreamTuner.Data.Jobs;

/// <summary>
/// One element of <see cref="Entities.FineTune.LossHistoryJson"/>: the loss after a step, and the engine's estimate
/// of when the run will finish as it stood then (the row has no ETA column; the last point's estimate is current).
/// </summary>
public sealed record FineTuneLossPoint(int Step, double Loss, DateTimeOffset? EstimatedFinishAt = null);
