namespace DreamTuner.Engine.DreamTuner;

/// <summary>The form of interleaved classifier-free guidance a denoising step used (DreamTuner Eq. 6).</summary>
public enum GuidanceBranch
{
    /// <summary>Eq. 4: omega_r * eps(x, c, ref_{t-dt}) - (omega_r - 1) * eps(x, c, no reference).</summary>
    ReferenceGuided,
    /// <summary>Eq. 5: omega_c * eps(x, c, ref_{t-dt}) - (omega_c - 1) * eps(x, uc, ref_{t+dt'}).</summary>
    TextGuided,
}
