using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>GroupNorm factory: TorchSharp leaves GroupNorm's affine parameters uninitialised (platform-notes).</summary>
public static class GroupNorms
{
    public static GroupNorm Create(long groups, long channels, double eps)
    {
        var norm = nn.GroupNorm(groups, channels, eps, affine: true);
        using (no_grad())
        {
            norm.weight!.fill_(1.0);
            norm.bias!.zero_();
        }
        return norm;
    }
}
