namespace DreamTuner.Studio.Api;

/// <summary>A generation's state as the API reports it.</summary>
public sealed record ApiGeneration(
    Guid Id, Guid ProjectId, string Status, int? QueuePosition, int ProgressStep, int ProgressTotal, DateTimeOffset? EstimatedFinishAt,
    string? Error, string Prompt, string? NegativePrompt, long Seed, string Scheduler, int Steps, double GuidanceScale, int Width, int Height,
    int BatchSize, string ModelId, DateTimeOffset CreatedAt, IReadOnlyList<Guid> ImageIds);
