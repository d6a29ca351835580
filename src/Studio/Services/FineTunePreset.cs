namespace DreamTuner.Studio.Services;

/// <summary>How long a fine-tune trains (paper appendix B/C: 800-1200 steps, about 300 with a subject-encoder).</summary>
public enum FineTunePreset
{
    /// <summary>300 steps.</summary>
    Quick,

    /// <summary>800 steps.</summary>
    Standard,

    /// <summary>1200 steps.</summary>
    Thorough,
}
