namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// Parameters of subject-encoder pretraining (DreamTuner stage 1, section 3.1 and appendix A). The paper's values:
/// batch 16, learning rate 1e-5, beta 1.0 while training, a frozen depth ControlNet, about a week on 4 A100s. Our
/// default batch is 1 because a CPU cannot afford more; raise it on a GPU.
/// </summary>
public sealed record SubjectEncoderPretrainOptions
{
    public int Steps { get; init; } = 1000;
    public int BatchSize { get; init; } = 1;
    public double LearningRate { get; init; } = 1e-5;

    /// <summary>Strength of the subject-encoder-attention while training (appendix A: 1.0; inference uses 0.2).</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>Square training resolution in pixels; null = the model's default output size.</summary>
    public int? Resolution { get; init; }

    /// <summary>Scale of the frozen depth ControlNet's residuals for images that have a depth map.</summary>
    public double ControlScale { get; init; } = 1.0;

    public int CheckpointEvery { get; init; } = 100;
    public long Seed { get; init; }
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Recompute each UNet transformer block during backward instead of keeping its activations (less memory, one more forward).</summary>
    public bool GradientCheckpointing { get; init; }

    public EncoderAugmentationOptions Augmentation { get; init; } = new();

    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"steps must be at least 1, got {Steps}.");
        if (BatchSize < 1) throw new ArgumentException($"the batch size must be at least 1, got {BatchSize}.");
        if (LearningRate <= 0) throw new ArgumentException($"the learning rate must be positive, got {LearningRate}.");
        if (Beta <= 0) throw new ArgumentException($"beta must be positive while training (the paper uses 1.0), got {Beta}.");
        if (CheckpointEvery < 1) throw new ArgumentException($"checkpoint interval must be at least 1, got {CheckpointEvery}.");
        if (Resolution is { } r && (r < 8 || r % 8 != 0)) throw new ArgumentException($"resolution must be a multiple of 8, got {r}.");
        Augmentation.Validate();
    }
}
