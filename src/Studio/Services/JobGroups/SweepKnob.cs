namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>A setting a parameter sweep can vary: the DreamTuner knobs of the paper plus two sampling ones.</summary>
public enum SweepKnob
{
    /// <summary>β, the subject-encoder attention weight (Eq. 1).</summary>
    Beta,

    /// <summary>w_ref, the reference key bias of self-subject-attention (Eq. 3).</summary>
    WRef,

    /// <summary>ω_r, the reference guidance (Eq. 4).</summary>
    OmegaR,

    /// <summary>ω_c, the text guidance (classifier-free guidance scale).</summary>
    OmegaC,

    /// <summary>p_r, the probability of the reference-guided form per step (Eq. 6).</summary>
    PR,

    /// <summary>Δt, training timesteps by which the reference is noised less.</summary>
    DeltaT,

    /// <summary>Δt', training timesteps by which the reference is noised more.</summary>
    DeltaTPrime,

    /// <summary>The ControlNet residual weight.</summary>
    ControlScale,
}
