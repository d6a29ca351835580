using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>VAE encoder stage: <c>resnets.{i}</c> without time input, optional <c>downsamplers.0</c> (asymmetric padding).</summary>
public sealed class DownEncoderBlock2D : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Downsample2D>? downsamplers;

    public DownEncoderBlock2D(int inChannels, int outChannels, int numLayers, int groups, double eps, bool addDownsample)
        : base(nameof(DownEncoderBlock2D))
    {
        resnets = nn.ModuleList(Enumerable.Range(0, numLayers)
            .Select(i => new ResnetBlock2D(i == 0 ? inChannels : outChannels, outChannels, null, groups, eps))
            .ToArray());
        downsamplers = addDownsample ? nn.ModuleList(new Downsample2D(outChannels, outChannels, padding: 0)) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var h = input;
        foreach (var resnet in resnets)
            h = resnet.Forward(h, null);
        return downsamplers is null ? h : downsamplers[0].call(h);
    }
}
