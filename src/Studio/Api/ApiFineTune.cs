using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Api;

/// <summary>A fine-tune's state as the API reports it: status, progress, loss history, ETA, error and the package's blob hash.</summary>
public sealed record ApiFineTune(
    Guid Id, Guid CharacterId, Guid ProjectId, string Status, int ProgressStep, int ProgressTotal, DateTimeOffset? EstimatedFinishAt,
    string? Error, IReadOnlyList<FineTuneLossPoint> LossHistory, string Mode, int Steps, double? LearningRate, int Rank, int RegularImages,
    long Seed, string ModelId, string? ArtifactHash, bool IsCharactersActive, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
