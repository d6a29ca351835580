using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// How to render panels: everything but the prompt, characters and pose, which come from each panel. The DreamTuner
/// knobs keep the paper's defaults (tune them with a sweep on the Generate page).
/// </summary>
public sealed record PanelRenderOptions
{
    /// <summary>Null draws one random seed for the whole group.</summary>
    public long? Seed { get; init; }

    /// <summary>Takes per panel (the batch size), 1 to <see cref="GenerationService.MaxBatchSize"/>.</summary>
    public int Takes { get; init; } = 1;

    public int Steps { get; init; } = 25;

    public int Width { get; init; } = 512;

    public int Height { get; init; } = 512;

    public string ModelId { get; init; } = NewGeneration.DefaultModelId;
}
