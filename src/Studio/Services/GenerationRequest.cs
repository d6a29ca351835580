using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services;

/// <summary>What a member asks to generate, from the page or the HTTP API; <see cref="GenerationService"/> validates it.</summary>
public sealed record GenerationRequest
{
    public string Prompt { get; init; } = "";

    public string? NegativePrompt { get; init; }

    public int Steps { get; init; } = 25;

    public SchedulerKind Scheduler { get; init; } = SchedulerKind.DpmSolverPlusPlus2MKarras;

    public double GuidanceScale { get; init; } = 7.5;

    /// <summary>Null picks a random seed.</summary>
    public long? Seed { get; init; }

    public int Width { get; init; } = 512;

    public int Height { get; init; } = 512;

    public int BatchSize { get; init; } = 1;

    public string ModelId { get; init; } = NewGeneration.DefaultModelId;

    /// <summary>
    /// Characters to use besides those whose tokens (<c>[S1*]</c>) appear in the prompt; any character makes it a
    /// DreamTuner generation.
    /// </summary>
    public IReadOnlyList<Guid> CharacterIds { get; init; } = [];

    /// <summary>Image-to-image source (PNG, JPEG or WebP bytes); null for none.</summary>
    public byte[]? InitImage { get; init; }

    /// <summary>
    /// Image-to-image source that an earlier generation of the same project used (reuse), instead of
    /// <see cref="InitImage"/> bytes.
    /// </summary>
    public string? InitImageHash { get; init; }

    /// <summary>How much of the init image is noised away: (0, 1].</summary>
    public double InitStrength { get; init; } = 0.75;

    /// <summary>ControlNet layout image (pose skeleton or depth map); null for none.</summary>
    public byte[]? ControlImage { get; init; }

    /// <summary>A control image an earlier generation of the same project used (reuse).</summary>
    public string? ControlImageHash { get; init; }

    public ControlType ControlType { get; init; } = ControlType.Pose;

    public double ControlScale { get; init; } = 1;

    public double ControlStart { get; init; }

    public double ControlEnd { get; init; } = 1;

    public double SubjectEncoderBeta { get; init; } = DreamTunerDefaults.Beta;

    public double ReferenceAttentionWeight { get; init; } = DreamTunerDefaults.WRefPhoto;

    public double ReferenceGuidance { get; init; } = DreamTunerDefaults.OmegaR;

    public double ReferenceProbability { get; init; } = DreamTunerDefaults.PR;

    public double ReferenceDeltaT { get; init; } = DreamTunerDefaults.DeltaT;

    public double ReferenceDeltaTPrime { get; init; } = DreamTunerDefaults.DeltaTPrime;

    /// <summary>Caption of the references; null or blank uses the prompt.</summary>
    public string? ReferencePrompt { get; init; }

    public bool UseMask { get; init; } = true;
}
