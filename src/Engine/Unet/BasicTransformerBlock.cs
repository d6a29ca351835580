using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// Pre-LayerNorm transformer block: self-attention (<c>attn1</c>), cross-attention to the text (<c>attn2</c>),
/// GEGLU feed-forward (<c>ff</c>), each with a residual. Method-specific behaviour enters through the attention
/// processors of <see cref="Attn1"/>/<see cref="Attn2"/> and the <see cref="AttentionContext"/>.
/// </summary>
public sealed class BasicTransformerBlock : nn.Module
{
    private readonly LayerNorm norm1;
    private readonly Attention attn1;
    private readonly LayerNorm norm2;
    private readonly Attention attn2;
    private readonly LayerNorm norm3;
    private readonly FeedForward ff;
    private readonly bool _onlyCrossAttention;

    public BasicTransformerBlock(int dim, int numHeads, int headDim, int crossAttentionDim, bool onlyCrossAttention = false,
        double dropout = 0.0, double normEps = 1e-5) : base(nameof(BasicTransformerBlock))
    {
        _onlyCrossAttention = onlyCrossAttention;
        norm1 = nn.LayerNorm(dim, normEps);
        attn1 = new Attention(dim, onlyCrossAttention ? crossAttentionDim : null, numHeads, headDim, bias: false, dropout: dropout);
        norm2 = nn.LayerNorm(dim, normEps);
        attn2 = new Attention(dim, crossAttentionDim, numHeads, headDim, bias: false, dropout: dropout);
        norm3 = nn.LayerNorm(dim, normEps);
        ff = new FeedForward(dim, dropout: dropout);
        RegisterComponents();
    }

    public Attention Attn1 => attn1;
    public Attention Attn2 => attn2;

    public Tensor Forward(Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context = null)
    {
        using var scope = NewDisposeScope();
        var x = hiddenStates;
        x = x + attn1.Forward(norm1.call(x), _onlyCrossAttention ? encoderHiddenStates : null, context);
        x = x + attn2.Forward(norm2.call(x), encoderHiddenStates, context);
        x = x + ff.call(norm3.call(x));
        return x.MoveToOuterDisposeScope();
    }
}
