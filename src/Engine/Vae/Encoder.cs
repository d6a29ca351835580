using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>Image -> latent moments (mean and log-variance stacked: 2 x latent_channels).</summary>
public sealed class Encoder : nn.Module<Tensor, Tensor>
{
    // diffusers builds the VAE's norms with eps 1e-6 regardless of config.
    internal const double Eps = 1e-6;

    private readonly Conv2d conv_in;
    private readonly ModuleList<DownEncoderBlock2D> down_blocks;
    private readonly UNetMidBlock2D mid_block;
    private readonly GroupNorm conv_norm_out;
    private readonly Conv2d conv_out;

    public Encoder(AutoencoderKLConfig c) : base(nameof(Encoder))
    {
        var ch = c.BlockOutChannels;
        conv_in = nn.Conv2d(c.InChannels, ch[0], 3, stride: 1, padding: 1);
        down_blocks = nn.ModuleList(c.DownBlockTypes.Select((type, i) => type switch
        {
            AutoencoderKLConfig.DownEncoderBlock2DType => new DownEncoderBlock2D(i == 0 ? ch[0] : ch[i - 1], ch[i],
                c.LayersPerBlock, c.NormNumGroups, Eps, addDownsample: i != ch.Count - 1),
            _ => throw new ArgumentException($"{type} does not exist."),
        }).ToArray());
        mid_block = new UNetMidBlock2D(ch[^1], c.NormNumGroups, Eps, c.MidBlockAddAttention);
        conv_norm_out = GroupNorms.Create(c.NormNumGroups, ch[^1], Eps);
        conv_out = nn.Conv2d(ch[^1], 2 * c.LatentChannels, 3, stride: 1, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor image)
    {
        using var scope = NewDisposeScope();
        var h = conv_in.call(image);
        foreach (var block in down_blocks)
            h = block.call(h);
        h = mid_block.Forward(h);
        h = conv_out.call(nn.functional.silu(conv_norm_out.call(h)));
        return h.MoveToOuterDisposeScope();
    }
}
