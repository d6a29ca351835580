using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// Spatial transformer over a feature map: GroupNorm, <c>proj_in</c> (1x1 conv, or linear when
/// <c>use_linear_projection</c>), <c>transformer_blocks</c> on the H*W tokens, <c>proj_out</c>, plus the input.
/// </summary>
public sealed class Transformer2DModel : nn.Module
{
    // diffusers fixes this norm's eps at 1e-6 whatever the config's norm_eps.
    private const double NormEps = 1e-6;

    private readonly GroupNorm norm;
    private readonly nn.Module<Tensor, Tensor> proj_in;
    private readonly ModuleList<BasicTransformerBlock> transformer_blocks;
    private readonly nn.Module<Tensor, Tensor> proj_out;
    private readonly bool _useLinearProjection;

    public Transformer2DModel(int numHeads, int headDim, int inChannels, int numLayers, int crossAttentionDim, int groups,
        bool useLinearProjection, bool onlyCrossAttention = false, double dropout = 0.0) : base(nameof(Transformer2DModel))
    {
        _useLinearProjection = useLinearProjection;
        int inner = numHeads * headDim;
        norm = GroupNorms.Create(groups, inChannels, NormEps);
        proj_in = useLinearProjection ? nn.Linear(inChannels, inner) : nn.Conv2d(inChannels, inner, 1, stride: 1, padding: 0L);
        transformer_blocks = nn.ModuleList(Enumerable.Range(0, numLayers)
            .Select(_ => new BasicTransformerBlock(inner, numHeads, headDim, crossAttentionDim, onlyCrossAttention, dropout))
            .ToArray());
        proj_out = useLinearProjection ? nn.Linear(inner, inChannels) : nn.Conv2d(inner, inChannels, 1, stride: 1, padding: 0L);
        RegisterComponents();
    }

    public IReadOnlyList<BasicTransformerBlock> TransformerBlocks => transformer_blocks.ToList();

    public Tensor Forward(Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context = null)
    {
        using var scope = NewDisposeScope();
        var (b, h, w) = (hiddenStates.shape[0], hiddenStates.shape[2], hiddenStates.shape[3]);
        var x = norm.call(hiddenStates);
        if (_useLinearProjection)
        {
            x = proj_in.call(x.permute(0, 2, 3, 1).reshape(b, h * w, -1));
        }
        else
        {
            x = proj_in.call(x);
            x = x.permute(0, 2, 3, 1).reshape(b, h * w, -1);
        }

        foreach (var block in transformer_blocks)
            x = block.Forward(x, encoderHiddenStates, context);

        if (_useLinearProjection)
        {
            x = proj_out.call(x);
            x = x.reshape(b, h, w, -1).permute(0, 3, 1, 2).contiguous();
        }
        else
        {
            x = x.reshape(b, h, w, -1).permute(0, 3, 1, 2).contiguous();
            x = proj_out.call(x);
        }
        return (x + hiddenStates).MoveToOuterDisposeScope();
    }
}
