using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>Nearest-neighbour 2x (or to an explicit size) followed by a 3x3 <c>conv</c>.</summary>
public sealed class Upsample2D : nn.Module
{
    private readonly Conv2d conv;

    public Upsample2D(long channels, long outChannels) : base(nameof(Upsample2D))
    {
        conv = nn.Conv2d(channels, outChannels, 3, stride: 1, padding: 1);
        RegisterComponents();
    }

    /// <param name="outputSize">[H, W] when the skip connection's size is not exactly twice the input's.</param>
    public Tensor Forward(Tensor input, long[]? outputSize = null)
    {
        using var up = outputSize is null
            ? nn.functional.interpolate(input, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest)
            : nn.functional.interpolate(input, size: outputSize, mode: InterpolationMode.Nearest);
        return conv.call(up);
    }
}
