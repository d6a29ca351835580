using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>Resnets over [hidden, skip] concatenations (<c>resnets.{i}</c>), optional <c>upsamplers.0</c>.</summary>
public sealed class UpBlock2D : UNetUpBlock
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Upsample2D>? upsamplers;

    public UpBlock2D(UNetBlockArgs a) : base(nameof(UpBlock2D))
    {
        resnets = nn.ModuleList(UpResnets.Create(a));
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
        }
        return upsamplers is null ? h : upsamplers[0].Forward(h, upsampleSize);
    }
}
