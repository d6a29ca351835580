namespace DreamTuner.Engine.DreamTuner;

/// <summary>Which coarse-identity module (DreamTuner section 3.1) a generation uses.</summary>
public enum CoarseIdentityKind
{
    /// <summary>Only self-subject-attention carries the reference (training-free).</summary>
    None,
    /// <summary>DreamTuner's subject-encoder with its S-E-A layers.</summary>
    SubjectEncoder,
    /// <summary>IP-Adapter's decoupled cross-attention, with the same beta knob.</summary>
    IPAdapter,
}
