using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.ControlNet;

/// <summary>
/// Maps the control image to the latent resolution and width of <c>conv_in</c>'s output: <c>conv_in</c>, pairs of
/// 3x3 convs in <c>blocks</c> (the second of each pair with stride 2), and <c>conv_out</c>, with SiLU between.
/// </summary>
public sealed class ControlNetConditioningEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv_in;
    private readonly ModuleList<Conv2d> blocks;
    private readonly Conv2d conv_out;

    public ControlNetConditioningEmbedding(int embeddingChannels, IReadOnlyList<int> blockOutChannels, int conditioningChannels)
        : base(nameof(ControlNetConditioningEmbedding))
    {
        conv_in = nn.Conv2d(conditioningChannels, blockOutChannels[0], 3, stride: 1, padding: 1);
        var convs = new List<Conv2d>();
        for (int i = 0; i < blockOutChannels.Count - 1; i++)
        {
            convs.Add(nn.Conv2d(blockOutChannels[i], blockOutChannels[i], 3, stride: 1, padding: 1));
            convs.Add(nn.Conv2d(blockOutChannels[i], blockOutChannels[i + 1], 3, stride: 2, padding: 1));
        }
        blocks = nn.ModuleList(convs.ToArray());
        conv_out = nn.Conv2d(blockOutChannels[^1], embeddingChannels, 3, stride: 1, padding: 1);
        RegisterComponents();
    }

    /// <summary>The output conv, zero-initialised in a new ControlNet so that it starts as a no-op.</summary>
    internal Conv2d ConvOut => conv_out;

    public override Tensor forward(Tensor conditioning)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.silu(conv_in.call(conditioning));
        foreach (var conv in blocks)
            h = nn.functional.silu(conv.call(h));
        return conv_out.call(h).MoveToOuterDisposeScope();
    }
}
