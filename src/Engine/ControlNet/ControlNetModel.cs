using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Unet;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.ControlNet;

/// <summary>
/// diffusers' <c>ControlNetModel</c>: a copy of the UNet's encoder (built by the same <see cref="UNetBackbone"/>
/// code) whose input is the latent plus the embedded control image, and whose skip states and mid output pass
/// through 1x1 zero convs to become residuals for <see cref="UNet2DConditionModel.Forward"/>.
/// </summary>
public sealed class ControlNetModel : nn.Module
{
    private readonly Conv2d conv_in;
    private readonly Timesteps time_proj;
    private readonly TimestepEmbedding time_embedding;
    private readonly ControlNetConditioningEmbedding controlnet_cond_embedding;
    private readonly ModuleList<UNetDownBlock> down_blocks;
    private readonly ModuleList<Conv2d> controlnet_down_blocks;
    private readonly UNetMidBlock2DCrossAttn mid_block;
    private readonly Conv2d controlnet_mid_block;

    /// <summary>A new ControlNet: random encoder weights, zero conditioning output and zero convs (a no-op, as in diffusers).</summary>
    public ControlNetModel(ControlNetConfig config) : base(nameof(ControlNetModel))
    {
        config.Validate();
        Config = config;
        var ch = config.BlockOutChannels;
        conv_in = UNetBackbone.CreateConvIn(config);
        time_proj = UNetBackbone.CreateTimeProj(config);
        time_embedding = UNetBackbone.CreateTimeEmbedding(config);
        controlnet_cond_embedding = new ControlNetConditioningEmbedding(ch[0], config.ConditioningEmbeddingOutChannels,
            config.ConditioningChannels);
        down_blocks = UNetBackbone.CreateDownBlocks(config);
        mid_block = UNetBackbone.CreateMidBlock(config)!;

        // One zero conv per UNet skip state: conv_in's output, each resnet's output, each downsampler's output.
        var zeroConvs = new List<Conv2d> { ZeroConv(ch[0]) };
        var layers = config.LayersPerBlock.PerBlock(ch.Count);
        for (int i = 0; i < ch.Count; i++)
        {
            for (int j = 0; j < layers[i]; j++)
                zeroConvs.Add(ZeroConv(ch[i]));
            if (i != ch.Count - 1)
                zeroConvs.Add(ZeroConv(ch[i]));
        }
        controlnet_down_blocks = nn.ModuleList(zeroConvs.ToArray());
        controlnet_mid_block = ZeroConv(ch[^1]);
        using (no_grad())
        {
            controlnet_cond_embedding.ConvOut.weight!.zero_();
            controlnet_cond_embedding.ConvOut.bias!.zero_();
        }
        RegisterComponents();
    }

    public ControlNetConfig Config { get; }

    public static ControlNetModel FromFolder(string dir, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        var config = DiffusersFolder.ReadConfig<ControlNetConfig>(dir, c => c.Validate());
        var model = new ControlNetModel(config);
        DiffusersFolder.LoadWeights(model, dir, device, dtype);
        return model;
    }

    /// <summary>
    /// A ControlNet initialised from a UNet's encoder weights (conv_in, time embedding, down and mid blocks), with
    /// zero convs, as diffusers' <c>ControlNetModel.from_unet</c> makes for training.
    /// </summary>
    public static ControlNetModel FromUNet(UNet2DConditionModel unet, IReadOnlyList<int>? conditioningEmbeddingOutChannels = null)
    {
        var model = new ControlNetModel(ControlNetConfig.FromUNet(unet.Config, conditioningEmbeddingOutChannels));
        var unetWeights = unet.state_dict();
        var target = model.state_dict();
        using (no_grad())
        {
            foreach (var (key, param) in target)
                if (unetWeights.TryGetValue(key, out var w) && !key.StartsWith("controlnet_", StringComparison.Ordinal))
                    param.copy_(w);
        }
        model.to(unet.parameters().First().dtype);
        return model;
    }

    public void Save(string dir) => DiffusersFolder.Save(this, Config, dir);

    public IReadOnlyList<(string Name, Attention Module)> AttentionModules => AttentionProcessors.Find(this);

    public void SetAttnProcessor(IAttentionProcessor processor) => AttentionProcessors.SetAll(this, processor);

    /// <param name="sample">Noisy latents [B, in_channels, h, w].</param>
    /// <param name="timesteps">[B] timesteps, or a scalar for the whole batch.</param>
    /// <param name="encoderHiddenStates">Text embeddings [B, L, cross_attention_dim].</param>
    /// <param name="controlCond">Control images [B, 3, h * f, w * f] in [0, 1], f = 2^(number of conditioning blocks - 1).</param>
    /// <param name="conditioningScale">Multiplies every residual (0 disables the ControlNet).</param>
    /// <returns>Residuals for <see cref="UNet2DConditionModel.Forward"/>: one per skip state, and one for the mid block.</returns>
    public (IReadOnlyList<Tensor> DownResiduals, Tensor MidResidual) Forward(Tensor sample, Tensor timesteps,
        Tensor encoderHiddenStates, Tensor controlCond, double conditioningScale = 1.0, AttentionContext? attentionContext = null)
    {
        using var scope = NewDisposeScope();
        if (Config.ControlnetConditioningChannelOrder == "bgr")
            controlCond = controlCond.flip(1);

        var emb = UNetBackbone.EmbedTime(time_proj, time_embedding, timesteps, sample);
        var h = conv_in.call(sample) + controlnet_cond_embedding.call(controlCond.to(sample.dtype));

        (h, var skips) = UNetBackbone.RunDownBlocks(down_blocks, h, emb, encoderHiddenStates, attentionContext);
        h = mid_block.Forward(h, emb, encoderHiddenStates, attentionContext);

        var down = skips.Select((s, i) => Finish(controlnet_down_blocks[i].call(s), conditioningScale)).ToList();
        var mid = Finish(controlnet_mid_block.call(h), conditioningScale);
        foreach (var t in down)
            t.MoveToOuterDisposeScope();
        return (down, mid.MoveToOuterDisposeScope());
    }

    private Tensor Finish(Tensor residual, double scale)
    {
        if (scale != 1.0)
            residual = residual * scale;
        return Config.GlobalPoolConditions ? residual.mean([2L, 3L], keepdim: true) : residual;
    }

    private static Conv2d ZeroConv(int channels)
    {
        var conv = nn.Conv2d(channels, channels, 1);
        using (no_grad())
        {
            conv.weight!.zero_();
            conv.bias!.zero_();
        }
        return conv;
    }
}
