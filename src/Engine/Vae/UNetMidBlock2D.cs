using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>
/// The VAE bottleneck: <c>resnets.0</c>, then (<c>attentions.{i}</c>, <c>resnets.{i+1}</c>) where the attention is a
/// single-head self-attention over pixels with its own <c>group_norm</c> and a residual connection.
/// </summary>
public sealed class UNetMidBlock2D : nn.Module
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Attention>? attentions;

    public UNetMidBlock2D(int channels, int groups, double eps, bool addAttention, int numLayers = 1) : base(nameof(UNetMidBlock2D))
    {
        resnets = nn.ModuleList(Enumerable.Range(0, numLayers + 1)
            .Select(_ => new ResnetBlock2D(channels, channels, null, groups, eps))
            .ToArray());
        // diffusers passes attention_head_dim = channels here, so there is one head as wide as the block.
        attentions = addAttention
            ? nn.ModuleList(Enumerable.Range(0, numLayers)
                .Select(_ => new Attention(channels, heads: 1, dimHead: channels, bias: true, normNumGroups: groups, eps: eps,
                    residualConnection: true))
                .ToArray())
            : null;
        RegisterComponents();
    }

    public Tensor Forward(Tensor hiddenStates)
    {
        var h = resnets[0].Forward(hiddenStates, null);
        for (int i = 1; i < resnets.Count; i++)
        {
            if (attentions is not null)
                h = attentions[i - 1].Forward(h);
            h = resnets[i].Forward(h, null);
        }
        return h;
    }
}
