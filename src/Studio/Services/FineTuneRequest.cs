namespace DreamTuner.Studio.Services;

/// <summary>A fine-tune as a member asks for it: a preset, and advanced overrides (null = the preset's value).</summary>
public sealed record FineTuneRequest
{
    public FineTunePreset Preset { get; init; } = FineTunePreset.Standard;

    /// <summary>"lora" or "full".</summary>
    public string? Mode { get; init; }

    public int? Steps { get; init; }

    public double? LearningRate { get; init; }

    public int? Rank { get; init; }

    public int? RegularImages { get; init; }

    public long? Seed { get; init; }

    /// <summary>The base model (a folder under the engine's models root); null = the studio's default model.</summary>
    public string? ModelId { get; init; }
}
