using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>Latent -> image; each up stage has one more resnet than the encoder's stages.</summary>
public sealed class Decoder : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv_in;
    private readonly UNetMidBlock2D mid_block;
    private readonly ModuleList<UpDecoderBlock2D> up_blocks;
    private readonly GroupNorm conv_norm_out;
    private readonly Conv2d conv_out;

    public Decoder(AutoencoderKLConfig c) : base(nameof(Decoder))
    {
        var reversed = c.BlockOutChannels.Reverse().ToArray();
        conv_in = nn.Conv2d(c.LatentChannels, reversed[0], 3, stride: 1, padding: 1);
        mid_block = new UNetMidBlock2D(reversed[0], c.NormNumGroups, Encoder.Eps, c.MidBlockAddAttention);
        up_blocks = nn.ModuleList(c.UpBlockTypes.Select((type, i) => type switch
        {
            AutoencoderKLConfig.UpDecoderBlock2DType => new UpDecoderBlock2D(i == 0 ? reversed[0] : reversed[i - 1], reversed[i],
                c.LayersPerBlock + 1, c.NormNumGroups, Encoder.Eps, addUpsample: i != reversed.Length - 1),
            _ => throw new ArgumentException($"{type} does not exist."),
        }).ToArray());
        conv_norm_out = GroupNorms.Create(c.NormNumGroups, reversed[^1], Encoder.Eps);
        conv_out = nn.Conv2d(reversed[^1], c.OutChannels, 3, stride: 1, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor latent)
    {
        using var scope = NewDisposeScope();
        var h = conv_in.call(latent);
        h = mid_block.Forward(h);
        foreach (var block in up_blocks)
            h = block.call(h);
        h = conv_out.call(nn.functional.silu(conv_norm_out.call(h)));
        return h.MoveToOuterDisposeScope();
    }
}
