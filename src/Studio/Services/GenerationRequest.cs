using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>What a member asks to generate, from the page or the HTTP API; <see cref="GenerationService"/> validates it.</summary>
public sealed record GenerationRequest
{
    public string Prompt { get; init; } = "";

    public string? NegativePrompt { get; init; }

    public int Steps { get; init; } = 25;

    public SchedulerKind Scheduler { get; init; } = SchedulerKind.DpmSolverPlusPlus2MKarras;

    public double GuidanceScale { get; init; } = 7.5;

    /// <summary>Null picks a random seed.</summary>
    public long? Seed { get; init; }

    public int Width { get; init; } = 512;

    public int Height { get; init; } = 512;

    public int BatchSize { get; init; } = 1;

    public string ModelId { get; init; } = NewGeneration.DefaultModelId;
}
