using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>One entry of a panel's history: which take, from which job with which settings, chosen by whom and when.</summary>
public sealed record PanelVersionInfo(
    Guid ImageId,
    string ChosenBy,
    DateTimeOffset ChosenAt,
    Guid GenerationId,
    string Prompt,
    long Seed,
    SchedulerKind Scheduler,
    int Steps,
    double GuidanceScale,
    string ModelId);
