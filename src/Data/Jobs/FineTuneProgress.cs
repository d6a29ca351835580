namespace DreamTuner.Data.Jobs;

/// <summary>
/// A running fine-tune's progress, sent by engines to the engine hub and relayed to browsers. <see cref="Losses"/> are
/// the points since the previous message that reached the studio (a newer message replaces an unsent one and takes
/// over its points, so a chart built from these messages misses nothing).
/// </summary>
public sealed record FineTuneProgress(
    Guid FineTuneId, Guid CharacterId, Guid ProjectId, int Step, int TotalSteps, double Loss, double? SecondsRemaining,
    IReadOnlyList<FineTuneLossPoint> Losses);
