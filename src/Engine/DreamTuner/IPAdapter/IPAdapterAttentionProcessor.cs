using DreamTuner.Engine.Nn;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner.IPAdapter;

/// <summary>
/// IP-Adapter's decoupled cross-attention for a text cross-attention layer (<c>attn2</c>):
/// <c>to_out(Attn(q, k_text, v_text) + beta * Attn(q, to_k_ip(c_img), to_v_ip(c_img)))</c>, as IP-Adapter's
/// <c>IPAttnProcessor</c> does with its <c>scale</c>, which here is DreamTuner's beta per row. Without
/// <see cref="ImagePromptTokens"/> in the context it is the plain processor.
/// </summary>
public sealed class IPAdapterAttentionProcessor(IPAdapterAttentionWeights weights) : IAttentionProcessor
{
    public IPAdapterAttentionWeights Weights { get; } = weights;

    public Tensor Forward(Attention attn, Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context)
    {
        if (context?.Get<ImagePromptTokens>() is not { } image || encoderHiddenStates is null || hiddenStates.dim() != 3)
            return AttnProcessor.Instance.Forward(attn, hiddenStates, encoderHiddenStates, context);
        using var scope = NewDisposeScope();
        var q = attn.SplitHeads(attn.Q(hiddenStates));
        var text = nn.functional.scaled_dot_product_attention(q,
            attn.SplitHeads(attn.K(encoderHiddenStates)), attn.SplitHeads(attn.V(encoderHiddenStates)));
        var tokens = image.Tokens.to(hiddenStates.dtype);
        var ip = nn.functional.scaled_dot_product_attention(q,
            attn.SplitHeads(Weights.ToK.call(tokens)), attn.SplitHeads(Weights.ToV.call(tokens)));
        var mixed = attn.MergeHeads(text) + image.RowBeta.to(hiddenStates.dtype) * attn.MergeHeads(ip);
        var output = attn.ProjectOut(mixed);
        if (attn.RescaleOutputFactor != 1.0)
            output = output / attn.RescaleOutputFactor;
        return output.MoveToOuterDisposeScope();
    }
}
