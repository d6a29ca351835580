using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>The <c>train-starter</c> command's settings.</summary>
public sealed record StarterTrainingOptions
{
    public required string OutDir { get; init; }
    /// <summary>Checkpoints, the plan and stage reports; default: the output folder's name plus <c>.work</c> beside it.</summary>
    public string? WorkDir { get; init; }
    public long Seed { get; init; }
    public double BudgetMinutes { get; init; } = 90;
    public StarterScale Scale { get; init; } = StarterScale.Full;
    public IReadOnlyList<StarterStage> Stages { get; init; } = StarterStages.Parse("all");
    /// <summary>Fixed steps for every stage instead of filling the budget (tests, quick looks); no probing.</summary>
    public int? StepsPerStage { get; init; }
    /// <summary>
    /// A plan file to train (a model's <see cref="StarterTrainingPlan.ModelFileName"/>) instead of probing; a work folder
    /// that already holds a plan keeps its own, as a resumed run must.
    /// </summary>
    public string? PlanFile { get; init; }
    public int CheckpointEvery { get; init; } = 200;
    /// <summary><see cref="StarterTrainingContext.SubjectLossWeight"/> of the text+unet and controlnet stages.</summary>
    public double SubjectLossWeight { get; init; } = 1;
    /// <summary><see cref="StarterTrainingContext.VaeSubjectWeight"/> of the VAE stage.</summary>
    public double VaeSubjectWeight { get; init; } = 1;
    /// <summary>Latent channels of the VAE and UNet (<see cref="StarterArchitecture.WithLatentChannels"/>).</summary>
    public int LatentChannels { get; init; } = 4;
    /// <summary>UNet block channels (<see cref="StarterArchitecture.WithUnetChannels"/>); null keeps the scale's.</summary>
    public IReadOnlyList<int>? UnetChannels { get; init; }

    /// <summary>Ids per caption (<see cref="StarterArchitecture.WithTokenLength"/>); null: the folder's text encoder's, else 77.</summary>
    public int? TokenLength { get; init; }

    /// <summary>The architecture these options train: the scale's, with their latent and UNet channels and token length.</summary>
    public StarterArchitecture Architecture(int latentChannels, int tokenLength)
    {
        var architecture = StarterArchitecture.For(Scale).WithLatentChannels(latentChannels).WithTokenLength(tokenLength);
        return UnetChannels is null ? architecture : architecture.WithUnetChannels(UnetChannels);
    }

    /// <summary>
    /// The token length to train with: the option's, else that of the text encoder already in the folder (stages that
    /// reuse it must read the tokenizer written beside it), else Stable Diffusion's 77.
    /// </summary>
    public int TokenLengthFor(string outDir) =>
        TokenLength ?? StarterFolderText.Positions(outDir) ?? Text.ClipTokenizer.DefaultMaxLength;
    /// <summary><see cref="DiffusionLoss.MinSnrGamma"/> of the text+unet and controlnet stages (null: plain loss).</summary>
    public double? MinSnrGamma { get; init; }
    /// <summary>Peak learning rate of the text+unet stage (default <see cref="TextUnetStageBuilder.LearningRate"/>).</summary>
    public double? TextUnetLearningRate { get; init; }
    /// <summary>Every stage warms up and decays its learning rate along <see cref="CosineLearningRate"/> instead of keeping it constant.</summary>
    public bool CosineSchedule { get; init; }
    /// <summary>Measure step times and print the plan, then stop.</summary>
    public bool PlanOnly { get; init; }
    /// <summary>Steps timed per stage by the probe (after one warm-up step).</summary>
    public int ProbeSteps { get; init; } = 2;
    /// <summary>The command as typed, for the model card.</summary>
    public string CommandLine { get; init; } = "train-starter";
    public Action<string>? Log { get; init; }
    public Action<StarterStage, TrainingProgress>? OnStep { get; init; }

    public string ResolvedWorkDir => WorkDir ?? Path.TrimEndingDirectorySeparator(Path.GetFullPath(OutDir)) + ".work";
}
