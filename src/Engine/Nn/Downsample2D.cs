using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>Stride-2 3x3 <c>conv</c>. With padding 0 (the VAE) the input is padded right/bottom only, as diffusers does.</summary>
public sealed class Downsample2D : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly int _padding;

    public Downsample2D(long channels, long outChannels, int padding) : base(nameof(Downsample2D))
    {
        _padding = padding;
        conv = nn.Conv2d(channels, outChannels, 3, stride: 2, padding: padding);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (_padding != 0)
            return conv.call(input);
        using var padded = nn.functional.pad(input, [0L, 1L, 0L, 1L]);
        return conv.call(padded);
    }
}
