using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services;

/// <summary>
/// One generated image of a project with the settings that made it, who asked for it, and its evaluation scores
/// (null when not computed); <see cref="IdentityDrift"/> when its identity score is below the project's threshold.
/// </summary>
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
    string? RequestedByName = null,
    double? IdentityScore = null,
    double? PromptScore = null,
    bool IdentityDrift = false);
