using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>What a user asks for; the dispatcher turns it into a queued <see cref="Generation"/> row.</summary>
public sealed record NewGeneration
{
    public const string DefaultModelId = "starter";

    public required Guid ProjectId { get; init; }

    public Guid? RequestedById { get; init; }

    public required string Prompt { get; init; }

    public string? NegativePrompt { get; init; }

    public long Seed { get; init; }

    public SchedulerKind Scheduler { get; init; } = SchedulerKind.DpmSolverPlusPlus2MKarras;

    public int Steps { get; init; } = 25;

    public double GuidanceScale { get; init; } = 7.5;

    public int Width { get; init; } = 512;

    public int Height { get; init; } = 512;

    public int BatchSize { get; init; } = 1;

    /// <summary>Image-to-image source (a blob hash); null for text-to-image.</summary>
    public string? InitImageHash { get; init; }

    /// <summary>How much of the init image is noised away, in [0, 1].</summary>
    public double InitStrength { get; init; } = 0.75;

    /// <summary>ControlNet layout image (a blob hash); null for none.</summary>
    public string? ControlImageHash { get; init; }

    public ControlType? ControlType { get; init; }

    public double ControlScale { get; init; } = 1;

    public double ControlStart { get; init; }

    public double ControlEnd { get; init; } = 1;

    /// <summary>The project's characters the prompt names; non-empty makes it a DreamTuner generation.</summary>
    public IReadOnlyList<Guid> CharacterIds { get; init; } = [];

    /// <summary>beta (Eq. 1), the paper's 0.2.</summary>
    public double SubjectEncoderBeta { get; init; } = DreamTunerDefaults.Beta;

    /// <summary>w_ref (Eq. 3): the paper's 3.0 for photos (2.5 for anime).</summary>
    public double ReferenceAttentionWeight { get; init; } = DreamTunerDefaults.WRefPhoto;

    /// <summary>omega_r (Eq. 4).</summary>
    public double ReferenceGuidance { get; init; } = DreamTunerDefaults.OmegaR;

    /// <summary>p_r (Eq. 6), the paper's 0.9.</summary>
    public double ReferenceProbability { get; init; } = DreamTunerDefaults.PR;

    /// <summary>Delta-t in training timesteps.</summary>
    public double ReferenceDeltaT { get; init; } = DreamTunerDefaults.DeltaT;

    /// <summary>Delta-t' in training timesteps.</summary>
    public double ReferenceDeltaTPrime { get; init; } = DreamTunerDefaults.DeltaTPrime;

    /// <summary>Caption for the reference rows; null uses the prompt.</summary>
    public string? ReferencePrompt { get; init; }

    /// <summary>Restrict self-subject-attention to the reference's foreground.</summary>
    public bool UseMask { get; init; } = true;

    /// <summary>The storyboard panel this renders; its images become the panel's takes.</summary>
    public Guid? PanelId { get; init; }

    /// <summary>One more DreamTuner reference (a blob hash), e.g. the previous panel's chosen take; null for none.</summary>
    public string? ExtraReferenceHash { get; init; }

    /// <summary>A folder or file relative to Engine:ModelsRoot.</summary>
    public string ModelId { get; init; } = DefaultModelId;

    public Generation ToEntity(DateTimeOffset now, Guid? groupId) => new()
    {
        ProjectId = ProjectId,
        RequestedById = RequestedById,
        Prompt = Prompt,
        NegativePrompt = NegativePrompt,
        Seed = Seed,
        Scheduler = Scheduler,
        Steps = Steps,
        GuidanceScale = GuidanceScale,
        Width = Width,
        Height = Height,
        BatchSize = BatchSize,
        ModelId = ModelId,
        InitImageHash = InitImageHash,
        InitStrength = InitImageHash is null ? null : InitStrength,
        ControlImageHash = ControlImageHash,
        ControlType = ControlImageHash is null ? null : ControlType,
        ControlScale = ControlScale,
        ControlStart = ControlStart,
        ControlEnd = ControlEnd,
        CharacterIds = [.. CharacterIds],
        SubjectEncoderBeta = SubjectEncoderBeta,
        ReferenceAttentionWeight = ReferenceAttentionWeight,
        ReferenceGuidance = ReferenceGuidance,
        ReferenceProbability = ReferenceProbability,
        ReferenceDeltaT = ReferenceDeltaT,
        ReferenceDeltaTPrime = ReferenceDeltaTPrime,
        ReferencePrompt = ReferencePrompt,
        UseMask = UseMask,
        PanelId = PanelId,
        ExtraReferenceHash = ExtraReferenceHash,
        Status = JobStatus.Queued,
        ProgressTotal = Steps,
        GroupId = groupId,
        CreatedAt = now,
    };
}
