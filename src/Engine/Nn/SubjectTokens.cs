using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// <see cref="AttentionContext"/> feature for the subject-encoder attention (S-E-A) slot of the transformer blocks
/// (DreamTuner Eq. 1): the subject tokens each batch row attends to and that row's beta. A row with beta 0 (the
/// reference-free branch of Eq. 4) gets exactly the base model's output there, since 0 * finite = 0.
/// </summary>
/// <param name="Tokens">[B, tokens, cross_attention_dim], one row per UNet batch row.</param>
/// <param name="RowBeta">[B, 1, 1]: beta for rows that see the reference, 0 for rows that must not.</param>
public sealed record SubjectTokens(Tensor Tokens, Tensor RowBeta)
{
    /// <summary>True when no row takes the subject into account, so the layers can be skipped exactly.</summary>
    public bool IsInactive => RowBeta.eq(0).all().item<bool>();
}
