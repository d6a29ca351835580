using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>Resnet + spatial transformer pairs (<c>resnets.{i}</c>, <c>attentions.{i}</c>), optional <c>downsamplers.0</c>.</summary>
public sealed class CrossAttnDownBlock2D : UNetDownBlock
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Transformer2DModel> attentions;
    private readonly ModuleList<Downsample2D>? downsamplers;

    public CrossAttnDownBlock2D(UNetBlockArgs a) : base(nameof(CrossAttnDownBlock2D))
    {
        resnets = nn.ModuleList(Enumerable.Range(0, a.NumLayers)
            .Select(i => new ResnetBlock2D(i == 0 ? a.InChannels : a.OutChannels, a.OutChannels, a.TembChannels, a.Groups, a.Eps))
            .ToArray());
        attentions = nn.ModuleList(Enumerable.Range(0, a.NumLayers)
            .Select(_ => new Transformer2DModel(a.NumHeads, a.OutChannels / a.NumHeads, a.OutChannels, a.TransformerLayers,
                a.CrossAttentionDim, a.Groups, a.UseLinearProjection, a.OnlyCrossAttention))
            .ToArray());
        downsamplers = a.AddSampler ? nn.ModuleList(new Downsample2D(a.OutChannels, a.OutChannels, a.DownsamplePadding)) : null;
        RegisterComponents();
    }

    public override (Tensor Hidden, IReadOnlyList<Tensor> States) Forward(Tensor hiddenStates, Tensor temb,
        Tensor? encoderHiddenStates, AttentionContext? context)
    {
        var states = new List<Tensor>();
        var h = hiddenStates;
        for (int i = 0; i < resnets.Count; i++)
        {
            h = resnets[i].Forward(h, temb);
            h = attentions[i].Forward(h, encoderHiddenStates, context);
            states.Add(h);
        }
        if (downsamplers is not null)
        {
            h = downsamplers[0].call(h);
            states.Add(h);
        }
        return (h, states);
    }
}
