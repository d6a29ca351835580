using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>What a user asks for; the dispatcher turns it into a queued <see cref="Generation"/> row.</summary>
public sealed record NewGeneration
{
    public const string DefaultModelId = "starter";

    public required Guid ProjectId { get; init; }

    public Guid? RequestedById { get; init; }

    public required string Prompt { get; init; }

    public string? NegativePrompt { get; init; }

    public long Seed { get; init; }

    public SchedulerKind Scheduler { get; init; } = SchedulerKind.DpmSolverPlusPlus2MKarras;

    public int Steps { get; init; } = 25;

    public double GuidanceScale { get; init; } = 7.5;

    public int Width { get; init; } = 512;

    public int Height { get; init; } = 512;

    public int BatchSize { get; init; } = 1;

    /// <summary>A folder or file relative to Engine:ModelsRoot.</summary>
    public string ModelId { get; init; } = DefaultModelId;

    public Generation ToEntity(DateTimeOffset now, Guid? groupId) => new()
    {
        ProjectId = ProjectId,
        RequestedById = RequestedById,
        Prompt = Prompt,
        NegativePrompt = NegativePrompt,
        Seed = Seed,
        Scheduler = Scheduler,
        Steps = Steps,
        GuidanceScale = GuidanceScale,
        Width = Width,
        Height = Height,
        BatchSize = BatchSize,
        ModelId = ModelId,
        Status = JobStatus.Queued,
        ProgressTotal = Steps,
        GroupId = groupId,
        CreatedAt = now,
    };
}
