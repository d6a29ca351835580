using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>VAE decoder stage: <c>resnets.{i}</c> without time input or skip connections, optional <c>upsamplers.0</c>.</summary>
public sealed class UpDecoderBlock2D : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<ResnetBlock2D> resnets;
    private readonly ModuleList<Upsample2D>? upsamplers;

    public UpDecoderBlock2D(int inChannels, int outChannels, int numLayers, int groups, double eps, bool addUpsample)
        : base(nameof(UpDecoderBlock2D))
    {
        resnets = nn.ModuleList(Enumerable.Range(0, numLayers)
            .Select(i => new ResnetBlock2D(i == 0 ? inChannels : outChannels, outChannels, null, groups, eps))
            .ToArray());
        upsamplers = addUpsample ? nn.ModuleList(new Upsample2D(outChannels, outChannels)) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var h = input;
        foreach (var resnet in resnets)
            h = resnet.Forward(h, null);
        return upsamplers is null ? h : upsamplers[0].Forward(h);
    }
}
