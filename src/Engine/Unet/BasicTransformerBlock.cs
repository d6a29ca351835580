using DreamTuner.Engine.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// Pre-LayerNorm transformer block: self-attention (<c>attn1</c>), cross-attention to the text (<c>attn2</c>),
/// GEGLU feed-forward (<c>ff</c>), each with a residual. Method-specific behaviour enters through the attention
/// processors of <see cref="Attn1"/>/<see cref="Attn2"/> and the <see cref="AttentionContext"/>.
/// <para>
/// Optional slot: DreamTuner's subject-encoder attention (S-E-A, paper section 3.1) is inserted between
/// self-attention and text cross-attention, because cross-attention controls the general appearance. It is null
/// until <see cref="InstallSubjectAttention"/> adds it (keys <c>norm_se.*</c> and <c>attn_se.*</c>), and it only
/// runs when the <see cref="AttentionContext"/> carries <see cref="SubjectTokens"/>:
/// <c>x = x + beta * attn_se(norm_se(x), subject_tokens)</c> (Eq. 1). Its own pre-LayerNorm (rather than sharing
/// norm2) follows the block's pre-norm pattern, so the new layer reads normalised features without disturbing the
/// pretrained norm2 that feeds attn2.
/// </para>
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
    private readonly int _dim;
    private readonly int _numHeads;
    private readonly int _headDim;
    private readonly double _normEps;
    private LayerNorm? _normSe;
    private Attention? _attnSe;

    public BasicTransformerBlock(int dim, int numHeads, int headDim, int crossAttentionDim, bool onlyCrossAttention = false,
        double dropout = 0.0, double normEps = 1e-5) : base(nameof(BasicTransformerBlock))
    {
        _onlyCrossAttention = onlyCrossAttention;
        (_dim, _numHeads, _headDim, _normEps) = (dim, numHeads, headDim, normEps);
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

    /// <summary>The subject-encoder attention (<c>attn_se</c>), or null when not installed.</summary>
    public Attention? SubjectAttention => _attnSe;

    /// <summary>The subject-encoder attention's own pre-norm (<c>norm_se</c>), or null when not installed.</summary>
    public LayerNorm? SubjectAttentionNorm => _normSe;

    /// <summary>
    /// Adds the S-E-A layer, built like attn2 (same heads, kv input of width <paramref name="subjectTokenDim"/>) with
    /// the output projection zero-initialised as the paper says, so a freshly installed layer changes nothing.
    /// Installing twice keeps the existing layer. The modules are registered explicitly, so they join state_dict().
    /// </summary>
    public void InstallSubjectAttention(int subjectTokenDim)
    {
        if (_attnSe is not null) return;
        var norm = nn.LayerNorm(_dim, _normEps);
        var attn = new Attention(_dim, subjectTokenDim, _numHeads, _headDim, bias: false);
        using (no_grad())
        {
            foreach (var (name, p) in attn.named_parameters())
                if (name.StartsWith("to_out.", StringComparison.Ordinal))
                    p.zero_();
        }
        var device = attn1.ToQ.weight!.device;
        var dtype = attn1.ToQ.weight!.dtype;
        norm.to(dtype).to(device);
        attn.to(dtype).to(device);
        register_module("norm_se", norm);
        register_module("attn_se", attn);
        _normSe = norm;
        _attnSe = attn;
    }

    /// <summary>
    /// Recompute this block's activations during backward instead of keeping them (<see cref="GradientCheckpoint"/>):
    /// less training memory for one more forward pass. Subject tokens are passed through so the encoder still learns.
    /// </summary>
    public bool GradientCheckpointing { get; set; }

    public Tensor Forward(Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context = null)
    {
        if (!GradientCheckpointing || !is_grad_enabled())
            return ForwardCore(hiddenStates, encoderHiddenStates, context);
        var subject = context?.Get<SubjectTokens>();
        if (subject is null)
            return GradientCheckpoint.Run(inputs => ForwardCore(inputs[0], encoderHiddenStates, context), hiddenStates);
        return GradientCheckpoint.Run(
            inputs => ForwardCore(inputs[0], encoderHiddenStates, context!.With(subject with { Tokens = inputs[1] })),
            hiddenStates, subject.Tokens);
    }

    private Tensor ForwardCore(Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context)
    {
        using var scope = NewDisposeScope();
        var x = hiddenStates;
        x = x + attn1.Forward(norm1.call(x), _onlyCrossAttention ? encoderHiddenStates : null, context);
        if (_attnSe is not null && context?.Get<SubjectTokens>() is { IsInactive: false } subject)
        {
            // S-E-A may be kept in float32 while the rest of the UNet runs in half precision (mixed-precision training).
            var seType = _normSe!.weight!.dtype;
            x = x + subject.RowBeta.to(x.dtype) * _attnSe.Forward(_normSe.call(x.to(seType)), subject.Tokens.to(seType), context).to(x.dtype);
        }
        x = x + attn2.Forward(norm2.call(x), encoderHiddenStates, context);
        x = x + ff.call(norm3.call(x));
        return x.MoveToOuterDisposeScope();
    }
}
