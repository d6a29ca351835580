namespace DreamTuner.Engine.Starter.Bench;

/// <summary>The methods of the paper's Table 1, in its order (plus the text-only baseline first).</summary>
public enum SpriteBenchMethod
{
    /// <summary>A prompt describing the attributes (<see cref="StarterCaptions.DetailedCaption"/>); nothing from the reference.</summary>
    TextOnly,

    /// <summary>Only the [S*] embedding is fine-tuned (Textual Inversion).</summary>
    TextualInversion,

    /// <summary>LoRA + [S*] fine-tuning, plain text-to-image at inference (DreamBooth-style).</summary>
    DreamBooth,

    /// <summary>Training-free self-subject-attention on the reference, no coarse identity (MasaCtrl-like).</summary>
    SelfSubjectAttentionOnly,

    /// <summary>Training-free subject-encoder only: no self-subject-attention.</summary>
    SubjectEncoderOnly,

    /// <summary>Fine-tuning with subject-encoder and self-subject-attention regular images, then SE + SSA + interleaved CFG.</summary>
    DreamTuner,
}
