using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>Resnet (over [hidden, skip]) + spatial transformer pairs, optional <c>upsamplers.0</c>.</summary>
public sealed class CrossAttnUpBlock2D : UNetUpBlock
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Transformer2DModel> attentions;
    private readonly ModuleList<Upsample2D>? upsamplers;

    public CrossAttnUpBlock2D(UNetBlockArgs a) : base(nameof(CrossAttnUpBlock2D))
    {
        resnets = nn.ModuleList(UpResnets.Create(a));
        attentions = nn.ModuleList(Enumerable.Range(0, a.NumLayers)
            .Select(_ => new Transformer2DModel(a.NumHeads, a.OutChannels / a.NumHeads, a.OutChannels, a.TransformerLayers,
                a.CrossAttentionDim, a.Groups, a.UseLinearProjection, a.OnlyCrossAttention))
            .ToArray());
        upsamplers = a.AddSampler ? nn.ModuleList(new Upsample2D(a.OutChannels, a.OutChannels)) : null;
        RegisterComponents();
    }

    public override int ResnetCount => resnets.Count;

    public override Tensor Forward(Tensor hiddenStates, IReadOnlyList<Tensor> resHiddenStates, Tensor temb,
        Tensor? encoderHiddenStates, long[]? upsampleSize, AttentionContext? context)
    {
        var h = hiddenStates;
        for (int i = 0; i < resnets.Count; i++)
        {
            var skip = resHiddenStates[resHiddenStates.Count - 1 - i];
            h = resnets[i].Forward(cat([h, skip], 1), temb);
            h = attentions[i].Forward(h, encoderHiddenStates, context);
        }
        return upsamplers is null ? h : upsamplers[0].Forward(h, upsampleSize);
    }
}
