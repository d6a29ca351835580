using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>A fine-tune changed state (Running, Succeeded with its package's blob hash, Failed with a reason, Cancelled).</summary>
public sealed record FineTuneStatusChange(
    Guid FineTuneId, Guid CharacterId, Guid ProjectId, JobStatus Status, string? Error, string? ArtifactHash);
