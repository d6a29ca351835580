using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>A generation changed state (Running, Succeeded with its image hashes, Failed with a reason, Cancelled).</summary>
public sealed record GenerationStatusChange(
    Guid GenerationId, Guid ProjectId, Guid? GroupId, JobStatus Status, string? Error, IReadOnlyList<string> ImageHashes);
