using System.ComponentModel;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Api;

/// <summary>
/// The body of <c>POST /api/projects/{id}/generations</c>; omitted fields take the page's defaults. Characters named
/// by token in the prompt (<c>[S1*]</c>) are used automatically; images are base64 (PNG, JPEG or WebP).
/// </summary>
public sealed record ApiGenerationRequest(
    string Prompt,
    string? NegativePrompt = null,
    int Steps = 25,
    string Scheduler = "dpmpp-2m-karras",
    double GuidanceScale = 7.5,
    long? Seed = null,
    int Width = 512,
    int Height = 512,
    int BatchSize = 1,
    string ModelId = NewGeneration.DefaultModelId,
    [property: Description("Characters to use besides those whose tokens appear in the prompt")] IReadOnlyList<Guid>? CharacterIds = null,
    [property: Description("Image-to-image source, base64")] byte[]? InitImage = null,
    [property: Description("Image-to-image strength, (0, 1]")] double InitStrength = 0.75,
    [property: Description("ControlNet layout image, base64")] byte[]? ControlImage = null,
    [property: Description("pose or depth")] string ControlType = "pose",
    double ControlScale = 1,
    double ControlStart = 0,
    double ControlEnd = 1,
    [property: Description("DreamTuner beta (Eq. 1): subject-encoder strength")] double Beta = DreamTunerDefaults.Beta,
    [property: Description("DreamTuner w_ref (Eq. 3): 3.0 photos, 2.5 anime")] double WRef = DreamTunerDefaults.WRefPhoto,
    [property: Description("DreamTuner omega_r (Eq. 4): reference guidance")] double OmegaR = DreamTunerDefaults.OmegaR,
    [property: Description("DreamTuner p_r (Eq. 6)")] double PR = DreamTunerDefaults.PR,
    [property: Description("DreamTuner Delta-t, training timesteps")] double DeltaT = DreamTunerDefaults.DeltaT,
    [property: Description("DreamTuner Delta-t', training timesteps")] double DeltaTPrime = DreamTunerDefaults.DeltaTPrime,
    [property: Description("Caption of the references; default the prompt")] string? ReferencePrompt = null,
    [property: Description("Restrict self-subject-attention to the references' foreground")] bool UseMask = true);
