using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// diffusers' <c>ResnetBlock2D</c> with pre-norm, SiLU, "default" time-embedding norm (added after conv1) and a 1x1
/// <c>conv_shortcut</c> when the channel count changes. <paramref name="tembChannels"/> null = no time input (VAE).
/// </summary>
public sealed class ResnetBlock2D : nn.Module
{
    private readonly GroupNorm norm1;
    private readonly Conv2d conv1;
    private readonly Linear? time_emb_proj;
    private readonly GroupNorm norm2;
    private readonly Dropout dropout;
    private readonly Conv2d conv2;
    private readonly Conv2d? conv_shortcut;
    private readonly double _outputScaleFactor;

    public ResnetBlock2D(long inChannels, long outChannels, long? tembChannels, int groups, double eps,
        double outputScaleFactor = 1.0, double dropout = 0.0) : base(nameof(ResnetBlock2D))
    {
        _outputScaleFactor = outputScaleFactor;
        norm1 = GroupNorms.Create(groups, inChannels, eps);
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: 1, padding: 1);
        time_emb_proj = tembChannels is { } t ? nn.Linear(t, outChannels) : null;
        norm2 = GroupNorms.Create(groups, outChannels, eps);
        this.dropout = nn.Dropout(dropout);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1);
        conv_shortcut = inChannels != outChannels ? nn.Conv2d(inChannels, outChannels, 1, stride: 1, padding: 0L) : null;
        RegisterComponents();
    }

    public Tensor Forward(Tensor input, Tensor? temb)
    {
        using var scope = NewDisposeScope();
        var h = conv1.call(nn.functional.silu(norm1.call(input)));
        if (time_emb_proj is not null && temb is not null)
            h = h + time_emb_proj.call(nn.functional.silu(temb)).unsqueeze(-1).unsqueeze(-1);
        h = conv2.call(dropout.call(nn.functional.silu(norm2.call(h))));
        var shortcut = conv_shortcut is null ? input : conv_shortcut.call(input);
        var output = shortcut + h;
        if (_outputScaleFactor != 1.0)
            output = output / _outputScaleFactor;
        return output.MoveToOuterDisposeScope();
    }
}
