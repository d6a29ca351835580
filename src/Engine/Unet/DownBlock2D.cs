using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>Resnets only (the deepest SD stage): <c>resnets.{i}</c>, optional <c>downsamplers.0</c>.</summary>
public sealed class DownBlock2D : UNetDownBlock
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Downsample2D>? downsamplers;

    public DownBlock2D(UNetBlockArgs a) : base(nameof(DownBlock2D))
    {
        resnets = nn.ModuleList(Enumerable.Range(0, a.NumLayers)
            .Select(i => new ResnetBlock2D(i == 0 ? a.InChannels : a.OutChannels, a.OutChannels, a.TembChannels, a.Groups, a.Eps))
            .ToArray());
        downsamplers = a.AddSampler ? nn.ModuleList(new Downsample2D(a.OutChannels, a.OutChannels, a.DownsamplePadding)) : null;
        RegisterComponents();
    }

    public override (Tensor Hidden, IReadOnlyList<Tensor> States) Forward(Tensor hiddenStates, Tensor temb,
        Tensor? encoderHiddenStates, AttentionContext? context)
    {
        var states = new List<Tensor>();
        var h = hiddenStates;
        foreach (var resnet in resnets)
        {
            h = resnet.Forward(h, temb);
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
