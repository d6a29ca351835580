using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.Export;

/// <summary>A panel's chosen take with its bytes and the settings of the job that made it.</summary>
public sealed record ExportTake(
    Guid ImageId,
    byte[] Bytes,
    string ContentType,
    int Width,
    int Height,
    Guid GenerationId,
    string Prompt,
    long Seed,
    SchedulerKind Scheduler,
    int Steps,
    double GuidanceScale,
    string ModelId);
