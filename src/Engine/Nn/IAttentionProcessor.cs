using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// The computation of an <see cref="Attention"/> layer, swappable per layer as diffusers' attention processors are,
/// so that variants (self-subject-attention, subject-encoder attention, LoRA) are processors rather than forks of
/// the model. A processor owns no weights of the layer; it reads them from <paramref name="attn"/>.
/// </summary>
public interface IAttentionProcessor
{
    /// <param name="attn">The layer: projections, head count, optional group norm and residual settings.</param>
    /// <param name="hiddenStates">Queries' source: [B, L, C] tokens or a [B, C, H, W] feature map.</param>
    /// <param name="encoderHiddenStates">Keys'/values' source for cross-attention; null for self-attention.</param>
    /// <param name="context">Per-call extras passed down from the model's forward (mask, method-specific state).</param>
    Tensor Forward(Attention attn, Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context);
}
