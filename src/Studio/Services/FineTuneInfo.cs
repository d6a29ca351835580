using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>A fine-tune as a member sees it: its parameters, job state, loss history and, once it succeeded, its package.</summary>
public sealed record FineTuneInfo(
    Guid Id,
    Guid CharacterId,
    Guid ProjectId,
    JobStatus Status,
    FineTuneParameters Parameters,
    int ProgressStep,
    int ProgressTotal,
    IReadOnlyList<FineTuneLossPoint> Losses,
    string? Error,
    string? ArtifactHash,
    bool IsCharactersActive,
    Guid? RequestedById,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>Queued or Running: it can still be cancelled.</summary>
    public bool IsActive => Status is JobStatus.Queued or JobStatus.Running;

    /// <summary>The engine's latest estimate of the end (kept on the last loss point), while running.</summary>
    public DateTimeOffset? EstimatedFinishAt => Status == JobStatus.Running && Losses.Count > 0 ? Losses[^1].EstimatedFinishAt : null;
}
