namespace DreamTuner.Data.Jobs;

/// <summary>
/// The DreamTuner knobs' defaults as the studio offers them. beta, w_ref and p_r are the paper's; omega_r, Delta-t and
/// Delta-t' are the engine's DreamTunerRequest defaults (the paper gives no numbers). Kept in Data because the studio
/// has no reference to the engine; an engine test checks they agree.
/// </summary>
public static class DreamTunerDefaults
{
    /// <summary>Eq. 1, section 4.1.</summary>
    public const double Beta = 0.2;

    /// <summary>Eq. 3 for photographs.</summary>
    public const double WRefPhoto = 3.0;

    /// <summary>Eq. 3 for anime-style subjects.</summary>
    public const double WRefAnime = 2.5;

    public const double OmegaR = 3.0;

    /// <summary>omega_c is the generation's guidance scale.</summary>
    public const double OmegaC = 7.5;

    /// <summary>Eq. 6.</summary>
    public const double PR = 0.9;

    public const double DeltaT = 20;

    public const double DeltaTPrime = 20;
}
