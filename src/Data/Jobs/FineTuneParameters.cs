using System.Text.Json;
using System.Text.Json.Serialization;
using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// What <see cref="FineTune.ParametersJson"/> holds: the studio writes it (a preset plus overrides), the engine reads
/// it and maps it to its training options. Missing keys take these defaults, so rows written by an older studio still
/// run; unknown keys are ignored.
/// </summary>
public sealed record FineTuneParameters
{
    public const string LoraMode = "lora";
    public const string FullMode = "full";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The base model, as for generations: a folder under the engine's models root.</summary>
    public string ModelId { get; init; } = NewGeneration.DefaultModelId;

    /// <summary><see cref="LoraMode"/> or <see cref="FullMode"/>.</summary>
    public string Mode { get; init; } = LoraMode;

    public int Steps { get; init; } = 300;

    /// <summary>Learning rate of everything but the [S*] row; null = the engine's default for the mode.</summary>
    public double? LearningRate { get; init; }

    public int Rank { get; init; } = 4;

    public int RegularImages { get; init; } = 8;

    public int RegularImageSteps { get; init; } = 20;

    public long Seed { get; init; }

    /// <summary>Square training size in pixels; null = the model's default output size.</summary>
    public int? Resolution { get; init; }

    /// <summary>Steps between checkpoints a restarted job resumes from.</summary>
    public int CheckpointEvery { get; init; } = 50;

    /// <summary>Steps between validation images (fixed prompt and seed); 0 = none.</summary>
    public int ValidationEvery { get; init; } = 100;

    public int ValidationSteps { get; init; } = 20;

    public long ValidationSeed { get; init; } = 1;

    public FineTuneMode EntityMode => Mode == FullMode ? FineTuneMode.Full : FineTuneMode.LoRA;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">Not a JSON object of these fields.</exception>
    public static FineTuneParameters FromJson(string json) =>
        JsonSerializer.Deserialize<FineTuneParameters>(json, Json) ?? throw new JsonException("the parameters are null");
}
