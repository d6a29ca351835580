using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// Plain attention through <c>scaled_dot_product_attention</c> (diffusers' <c>AttnProcessor2_0</c>), including the
/// VAE's variant (4-D input, group norm, residual connection, output rescale).
/// </summary>
public sealed class AttnProcessor : IAttentionProcessor
{
    public static AttnProcessor Instance { get; } = new();

    public Tensor Forward(Attention attn, Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context)
    {
        using var scope = NewDisposeScope();
        var residual = hiddenStates;
        var shape4d = hiddenStates.dim() == 4 ? hiddenStates.shape : null;
        var x = shape4d is null ? hiddenStates : hiddenStates.flatten(2).transpose(1, 2);
        if (attn.GroupNorm is { } gn)
            x = gn.call(x.transpose(1, 2)).transpose(1, 2);

        var source = encoderHiddenStates ?? x;
        var q = attn.SplitHeads(attn.Q(x));
        var k = attn.SplitHeads(attn.K(source));
        var v = attn.SplitHeads(attn.V(source));
        var o = nn.functional.scaled_dot_product_attention(q, k, v);
        var output = attn.ProjectOut(attn.MergeHeads(o));

        if (shape4d is not null)
            output = output.transpose(1, 2).reshape(shape4d);
        if (attn.ResidualConnection)
            output = output + residual;
        if (attn.RescaleOutputFactor != 1.0)
            output = output / attn.RescaleOutputFactor;
        return output.MoveToOuterDisposeScope();
    }
}
