using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>The Generate form's fields, with the studio's defaults; the service validates on submit.</summary>
public sealed class GenerationFormModel
{
    public string Prompt { get; set; } = "";

    public string? NegativePrompt { get; set; }

    public int Steps { get; set; } = 25;

    public SchedulerKind Scheduler { get; set; } = SchedulerKind.DpmSolverPlusPlus2MKarras;

    public double GuidanceScale { get; set; } = 7.5;

    public long Seed { get; set; } = GenerationService.RandomSeed();

    /// <summary>Keep the same seed for the next run instead of rolling a new one.</summary>
    public bool KeepSeed { get; set; }

    public int Width { get; set; } = 512;

    public int Height { get; set; } = 512;

    public int BatchSize { get; set; } = 1;

    public string ModelId { get; set; } = NewGeneration.DefaultModelId;

    public GenerationRequest ToRequest() => new()
    {
        Prompt = Prompt,
        NegativePrompt = NegativePrompt,
        Steps = Steps,
        Scheduler = Scheduler,
        GuidanceScale = GuidanceScale,
        Seed = Seed,
        Width = Width,
        Height = Height,
        BatchSize = BatchSize,
        ModelId = ModelId,
    };
}
