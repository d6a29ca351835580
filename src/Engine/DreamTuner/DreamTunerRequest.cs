using DreamTuner.Engine.Pipelines;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// A subject-driven generation (DreamTuner section 3, inference stage): a base text-to-image (or image-to-image)
/// request plus the subject's reference images and the knobs of Eq. 1 and Eq. 3-6.
/// <para>
/// Defaults: p_r 0.9, w_ref 3.0 (photos; the paper uses 2.5 for anime) and beta 0.2 are the paper's. omega_r,
/// omega_c, Delta-t and Delta-t' are not given by the paper; our choices: omega_c = the base request's guidance scale
/// (7.5 by default), so Eq. 5 is ordinary text guidance; omega_r = 3.0, because Eq. 4 amplifies only the difference
/// the reference makes (its text condition is the same on both sides) and the reference's own pull is already
/// strengthened by w_ref; Delta-t = Delta-t' = 20 training timesteps (of 1000), about one step of a 50-step schedule,
/// i.e. "small biases" that make the reference a little cleaner for the conditional term and a little noisier for
/// the negative one.
/// </para>
/// </summary>
public sealed record DreamTunerRequest
{
    public required GenerationRequest Base { get; init; }

    /// <summary>One or more reference images of the subject; their keys/values are concatenated in Eq. 3.</summary>
    public required IReadOnlyList<DreamTunerReference> References { get; init; }

    /// <summary>Caption the reference rows are run with; null uses the prompt (section 3.2: "additional reference text").</summary>
    public string? ReferencePrompt { get; init; }

    public CoarseIdentityKind CoarseIdentity { get; init; } = CoarseIdentityKind.None;

    /// <summary>Eq. 1: strength of the subject-encoder (or IP-Adapter) attention.</summary>
    public double Beta { get; init; } = 0.2;

    /// <summary>Eq. 3: weight of the reference's foreground tokens in self-subject-attention.</summary>
    public double WRef { get; init; } = 3.0;

    /// <summary>Eq. 4: guidance scale of the reference-guided form.</summary>
    public double OmegaR { get; init; } = 3.0;

    /// <summary>Eq. 5: guidance scale of the text-guided form; null uses <see cref="GenerationRequest.GuidanceScale"/>.</summary>
    public double? OmegaC { get; init; }

    /// <summary>Eq. 6: probability of taking Eq. 4 at a step.</summary>
    public double PR { get; init; } = 0.9;

    /// <summary>Eq. 4-5: the reference is noised to t - DeltaT (training timesteps) for the conditional term.</summary>
    public double DeltaT { get; init; } = 20;

    /// <summary>Eq. 5: the reference is noised to t + DeltaTPrime for the undesired-condition term.</summary>
    public double DeltaTPrime { get; init; } = 20;

    /// <summary>Self-subject-attention with an all-ones reference mask (background kept, as for regular images in the appendix).</summary>
    public bool NoMask { get; init; }

    /// <summary>Diffusers names of the attn1 layers that take part (e.g. <c>up_blocks.1.attentions.0.transformer_blocks.0.attn1</c>); null = all.</summary>
    public IReadOnlyCollection<string>? SelfSubjectAttentionLayers { get; init; }

    /// <summary>ControlNet acts for steps whose fraction i/steps lies in [ControlStart, ControlEnd) (diffusers' control_guidance_start/end).</summary>
    public double ControlStart { get; init; }

    public double ControlEnd { get; init; } = 1.0;

    public double EffectiveOmegaC => OmegaC ?? Base.GuidanceScale;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Base);
        Base.Validate();
        if (References is null || References.Count == 0) throw new ArgumentException("at least one reference image is needed.");
        if (References.Count > 8) throw new ArgumentException($"at most 8 reference images, got {References.Count}.");
        for (int i = 0; i < References.Count; i++) References[i].Validate(i);
        if (Beta is < 0 or > 10) throw new ArgumentException($"beta must be 0-10, got {Beta}.");
        if (WRef is <= 0 or > 100) throw new ArgumentException($"w_ref must be in (0, 100], got {WRef}.");
        if (OmegaR is < 0 or > 50) throw new ArgumentException($"omega_r must be 0-50, got {OmegaR}.");
        if (EffectiveOmegaC is < 0 or > 50) throw new ArgumentException($"omega_c must be 0-50, got {EffectiveOmegaC}.");
        if (PR is < 0 or > 1) throw new ArgumentException($"p_r must be 0-1, got {PR}.");
        if (DeltaT is < -999 or > 999) throw new ArgumentException($"delta_t must be within +-999 timesteps, got {DeltaT}.");
        if (DeltaTPrime is < -999 or > 999) throw new ArgumentException($"delta_t' must be within +-999 timesteps, got {DeltaTPrime}.");
        if (ControlStart < 0 || ControlEnd > 1 || ControlStart > ControlEnd)
            throw new ArgumentException($"control start/end must satisfy 0 <= start <= end <= 1, got {ControlStart}/{ControlEnd}.");
    }

    /// <summary>The DreamTuner settings as A1111-style "Key: value" pairs for the PNG <c>parameters</c> chunk.</summary>
    public IEnumerable<KeyValuePair<string, string>> MetadataEntries()
    {
        static string F(double v) => Imaging.GenerationInfo.PythonFloat(v);
        yield return new("DreamTuner references", References.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("Coarse identity", CoarseIdentity switch
        {
            CoarseIdentityKind.SubjectEncoder => "subject-encoder",
            CoarseIdentityKind.IPAdapter => "IP-Adapter",
            _ => "none",
        });
        if (CoarseIdentity != CoarseIdentityKind.None)
            yield return new("Beta", F(Beta));
        yield return new("w_ref", NoMask ? $"{F(WRef)} (no mask)" : F(WRef));
        yield return new("omega_r", F(OmegaR));
        yield return new("omega_c", F(EffectiveOmegaC));
        yield return new("p_r", F(PR));
        yield return new("delta_t", F(DeltaT));
        yield return new("delta_t'", F(DeltaTPrime));
    }
}
