using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>One generated image of a project with the settings that made it and who asked for it.</summary>
public sealed record GalleryImage(
    Guid Id,
    Guid GenerationId,
    int BatchIndex,
    int Width,
    int Height,
    long Seed,
    string Prompt,
    string? NegativePrompt,
    SchedulerKind Scheduler,
    int Steps,
    double GuidanceScale,
    string ModelId,
    string? Metadata,
    DateTimeOffset CreatedAt,
    Guid? RequestedById = null,
    string? RequestedByName = null);
