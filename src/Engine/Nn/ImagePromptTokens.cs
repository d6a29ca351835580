using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// <see cref="AttentionContext"/> feature for IP-Adapter's decoupled cross-attention: the image-prompt tokens each
/// batch row attends to and that row's scale (DreamTuner's beta knob, Eq. 1, applied to this module instead).
/// </summary>
/// <param name="Tokens">[B, tokens, cross_attention_dim], one row per UNet batch row.</param>
/// <param name="RowBeta">[B, 1, 1]; 0 gives exactly the base cross-attention for that row.</param>
public sealed record ImagePromptTokens(Tensor Tokens, Tensor RowBeta);
