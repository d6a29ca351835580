using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>The bottleneck: <c>resnets.0</c>, then (<c>attentions.{i}</c>, <c>resnets.{i+1}</c>) pairs.</summary>
public sealed class UNetMidBlock2DCrossAttn : nn.Module
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Transformer2DModel> attentions;

    public UNetMidBlock2DCrossAttn(UNetBlockArgs a) : base(nameof(UNetMidBlock2DCrossAttn))
    {
        int c = a.InChannels;
        resnets = nn.ModuleList(Enumerable.Range(0, a.NumLayers + 1)
            .Select(_ => new ResnetBlock2D(c, c, a.TembChannels, a.Groups, a.Eps, a.OutputScaleFactor))
            .ToArray());
        attentions = nn.ModuleList(Enumerable.Range(0, a.NumLayers)
            .Select(_ => new Transformer2DModel(a.NumHeads, c / a.NumHeads, c, a.TransformerLayers, a.CrossAttentionDim,
                a.Groups, a.UseLinearProjection))
            .ToArray());
        RegisterComponents();
    }

    public Tensor Forward(Tensor hiddenStates, Tensor temb, Tensor? encoderHiddenStates, AttentionContext? context)
    {
        var h = resnets[0].Forward(hiddenStates, temb);
        for (int i = 0; i < attentions.Count; i++)
        {
            h = attentions[i].Forward(h, encoderHiddenStates, context);
            h = resnets[i + 1].Forward(h, temb);
        }
        return h;
    }
}
