using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>A generation as a member sees it: its settings, its job state and, once it succeeded, its images.</summary>
public sealed record GenerationInfo(
    Guid Id,
    Guid ProjectId,
    string Prompt,
    string? NegativePrompt,
    long Seed,
    SchedulerKind Scheduler,
    int Steps,
    double GuidanceScale,
    int Width,
    int Height,
    int BatchSize,
    string ModelId,
    JobStatus Status,
    int? QueuePosition,
    int ProgressStep,
    int ProgressTotal,
    DateTimeOffset? EstimatedFinishAt,
    string? Error,
    Guid? RequestedById,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Guid> ImageIds,
    IReadOnlyList<string>? Warnings = null)
{
    /// <summary>Queued or Running: it can still be cancelled.</summary>
    public bool IsActive => Status is JobStatus.Queued or JobStatus.Running;
}
