using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.Components.Generations;

/// <summary>The Generate form's fields, with the studio's defaults; the service validates on submit.</summary>
public sealed class GenerationFormModel
{
    public string Prompt { get; set; } = "";

    public string? NegativePrompt { get; set; }

    public int Steps { get; set; } = 25;

    public SchedulerKind Scheduler { get; set; } = SchedulerKind.DpmSolverPlusPlus2MKarras;

    /// <summary>Also omega_c, DreamTuner's text guidance (Eq. 5).</summary>
    public double GuidanceScale { get; set; } = DreamTunerDefaults.OmegaC;

    public long Seed { get; set; } = GenerationService.RandomSeed();

    /// <summary>Keep the same seed for the next run instead of rolling a new one.</summary>
    public bool KeepSeed { get; set; }

    public int Width { get; set; } = 512;

    public int Height { get; set; } = 512;

    public int BatchSize { get; set; } = 1;

    public string ModelId { get; set; } = NewGeneration.DefaultModelId;

    /// <summary>Characters chosen without their token in the prompt (a reused generation's); tokens in the prompt count too.</summary>
    public List<Guid> CharacterIds { get; set; } = [];

    public InputImage? InitImage { get; set; }

    public double InitStrength { get; set; } = 0.75;

    public InputImage? ControlImage { get; set; }

    public ControlType ControlType { get; set; } = ControlType.Pose;

    public double ControlScale { get; set; } = 1;

    public double Beta { get; set; } = DreamTunerDefaults.Beta;

    public double WRef { get; set; } = DreamTunerDefaults.WRefPhoto;

    public double OmegaR { get; set; } = DreamTunerDefaults.OmegaR;

    public double PR { get; set; } = DreamTunerDefaults.PR;

    public double DeltaT { get; set; } = DreamTunerDefaults.DeltaT;

    public double DeltaTPrime { get; set; } = DreamTunerDefaults.DeltaTPrime;

    public string? ReferencePrompt { get; set; }

    public bool UseMask { get; set; } = true;

    /// <summary>The form filled from a request (the <c>?reuse=</c> page), seed included and kept.</summary>
    public static GenerationFormModel From(GenerationRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new GenerationFormModel
        {
            Prompt = r.Prompt, NegativePrompt = r.NegativePrompt, Steps = r.Steps, Scheduler = r.Scheduler, GuidanceScale = r.GuidanceScale,
            Seed = r.Seed ?? GenerationService.RandomSeed(), KeepSeed = r.Seed is not null,
            Width = r.Width, Height = r.Height, BatchSize = r.BatchSize, ModelId = r.ModelId,
            CharacterIds = [.. r.CharacterIds],
            InitImage = r.InitImageHash is { } init ? InputImage.Reused(init) : null, InitStrength = r.InitStrength,
            ControlImage = r.ControlImageHash is { } control ? InputImage.Reused(control) : null, ControlType = r.ControlType,
            ControlScale = r.ControlScale,
            Beta = r.SubjectEncoderBeta, WRef = r.ReferenceAttentionWeight, OmegaR = r.ReferenceGuidance, PR = r.ReferenceProbability,
            DeltaT = r.ReferenceDeltaT, DeltaTPrime = r.ReferenceDeltaTPrime, ReferencePrompt = r.ReferencePrompt, UseMask = r.UseMask,
        };
    }

    public GenerationRequest ToRequest() => new()
    {
        Prompt = Prompt,
        NegativePrompt = NegativePrompt,
        Steps = Steps,
        Scheduler = Scheduler,
        GuidanceScale = GuidanceScale,
        Seed = Seed,
        Width = Width,
        Height = Height,
        BatchSize = BatchSize,
        ModelId = ModelId,
        CharacterIds = [.. CharacterIds],
        InitImage = InitImage?.Bytes,
        InitImageHash = InitImage?.Hash,
        InitStrength = InitStrength,
        ControlImage = ControlImage?.Bytes,
        ControlImageHash = ControlImage?.Hash,
        ControlType = ControlType,
        ControlScale = ControlScale,
        SubjectEncoderBeta = Beta,
        ReferenceAttentionWeight = WRef,
        ReferenceGuidance = OmegaR,
        ReferenceProbability = PR,
        ReferenceDeltaT = DeltaT,
        ReferenceDeltaTPrime = DeltaTPrime,
        ReferencePrompt = ReferencePrompt,
        UseMask = UseMask,
    };
}
