using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Training;

/// <summary>
/// Parameters of subject-driven fine-tuning (DreamTuner section 3.3 and appendix B). The paper's values: full
/// fine-tuning, [S*] learning rate 5e-3, other parameters 1e-6, 32 regular images, 800-1200 steps (about 300 with the
/// subject-encoder, appendix C), batch of one reference and one regular image, flip with p 0.5. Our defaults suit a
/// CPU: LoRA (rank 4, learning rate 1e-4, as DreamBooth-LoRA uses), 300 steps, 8 regular images.
/// </summary>
public sealed record SubjectFineTuneOptions
{
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public FineTuneMode Mode { get; init; } = FineTuneMode.Lora;

    public int Rank { get; init; } = 4;

    /// <summary>LoRA alpha; null = the rank (scale 1).</summary>
    public double? LoraAlpha { get; init; }

    /// <summary>Learning rate of the [S*] embedding row (appendix B: 5e-3).</summary>
    public double TokenLearningRate { get; init; } = 5e-3;

    /// <summary>Learning rate of everything else; null = 1e-4 for LoRA, 1e-6 (the paper's) for full fine-tuning.</summary>
    public double? LearningRate { get; init; }

    public int Steps { get; init; } = 300;

    /// <summary>Regular images generated from the detailed caption (appendix B: 32).</summary>
    public int RegularImages { get; init; } = 8;

    /// <summary>Sampling steps per regular image.</summary>
    public int RegularImageSteps { get; init; } = 20;

    /// <summary>Subject-encoder strength while generating regular images and while training (appendix B: 0.2).</summary>
    public double Beta { get; init; } = 0.2;

    /// <summary>Self-subject-attention weight for the regular images (appendix B: 3.0 for photos, 2.5 for anime).</summary>
    public double WRef { get; init; } = 3.0;

    /// <summary>Square training resolution in pixels; null = the model's default output size.</summary>
    public int? Resolution { get; init; }

    public int CheckpointEvery { get; init; } = 50;

    /// <summary>A validation image every this many steps (0 = none), from <see cref="ValidationPrompt"/> and <see cref="ValidationSeed"/>.</summary>
    public int ValidationEvery { get; init; }

    /// <summary>Null = "a photo of a {class word} [S*]".</summary>
    public string? ValidationPrompt { get; init; }

    public long ValidationSeed { get; init; } = 1;

    public int ValidationSteps { get; init; } = 20;

    public long Seed { get; init; }

    public double MaxGradNorm { get; init; } = 1.0;

    [JsonIgnore]
    public double EffectiveLearningRate => LearningRate ?? (Mode == FineTuneMode.Lora ? 1e-4 : 1e-6);

    [JsonIgnore]
    public double EffectiveLoraAlpha => LoraAlpha ?? Rank;

    public void Validate()
    {
        if (!Enum.IsDefined(Mode)) throw new ArgumentException($"fine-tuning mode {Mode} does not exist.");
        if (Rank is < 1 or > 1024) throw new ArgumentException($"rank must be 1-1024, got {Rank}.");
        if (Steps < 1) throw new ArgumentException($"steps must be at least 1, got {Steps}.");
        if (RegularImages < 1) throw new ArgumentException($"at least one regular image is needed, got {RegularImages}.");
        if (RegularImageSteps < 1) throw new ArgumentException($"regular image steps must be at least 1, got {RegularImageSteps}.");
        if (TokenLearningRate <= 0 || EffectiveLearningRate <= 0) throw new ArgumentException("learning rates must be positive.");
        if (CheckpointEvery < 1) throw new ArgumentException($"checkpoint interval must be at least 1, got {CheckpointEvery}.");
        if (ValidationEvery < 0) throw new ArgumentException($"validation interval must not be negative, got {ValidationEvery}.");
        if (Resolution is { } r && (r < 8 || r % 8 != 0)) throw new ArgumentException($"resolution must be a multiple of 8, got {r}.");
    }
}
