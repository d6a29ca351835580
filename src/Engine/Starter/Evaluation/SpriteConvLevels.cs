using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>The attribute reader's convolution stack: per level a 3x3 conv, then a stride-2 3x3 conv, each with GroupNorm and SiLU.</summary>
public static class SpriteConvLevels
{
    public static Sequential Build(IReadOnlyList<int> channels, int normGroups)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var inChannels = 3;
        foreach (var c in channels)
        {
            layers.Add(nn.Conv2d(inChannels, c, 3, padding: 1));
            layers.Add(GroupNorms.Create(normGroups, c, 1e-5));
            layers.Add(nn.SiLU());
            layers.Add(nn.Conv2d(c, c, 3, stride: 2, padding: 1));
            layers.Add(GroupNorms.Create(normGroups, c, 1e-5));
            layers.Add(nn.SiLU());
            inChannels = c;
        }
        return nn.Sequential(layers);
    }
}
