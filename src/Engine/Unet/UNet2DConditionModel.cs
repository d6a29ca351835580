using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// Stable Diffusion's noise-prediction UNet (diffusers' <c>UNet2DConditionModel</c>); parameter names equal
/// diffusers checkpoint keys. A new instance has random weights; <see cref="FromFolder"/> loads a diffusers folder.
/// </summary>
public sealed class UNet2DConditionModel : nn.Module
{
    private readonly Conv2d conv_in;
    private readonly Timesteps time_proj;
    private readonly TimestepEmbedding time_embedding;
    private readonly ModuleList<UNetDownBlock> down_blocks;
    private readonly UNetMidBlock2DCrossAttn? mid_block;
    private readonly ModuleList<UNetUpBlock> up_blocks;
    private readonly GroupNorm conv_norm_out;
    private readonly Conv2d conv_out;
    private readonly int _numUpsamplers;

    public UNet2DConditionModel(UNetConfig config) : base(nameof(UNet2DConditionModel))
    {
        config.Validate();
        Config = config;
        conv_in = UNetBackbone.CreateConvIn(config);
        time_proj = UNetBackbone.CreateTimeProj(config);
        time_embedding = UNetBackbone.CreateTimeEmbedding(config);
        down_blocks = UNetBackbone.CreateDownBlocks(config);
        mid_block = UNetBackbone.CreateMidBlock(config);
        up_blocks = nn.ModuleList(CreateUpBlocks(config, out _numUpsamplers));
        conv_norm_out = GroupNorms.Create(config.NormNumGroups, config.BlockOutChannels[0], config.NormEps);
        conv_out = nn.Conv2d(config.BlockOutChannels[0], config.OutChannels, config.ConvOutKernel, stride: 1,
            padding: (long)(config.ConvOutKernel - 1) / 2);
        RegisterComponents();
    }

    public UNetConfig Config { get; }

    /// <summary>Reads <c>config.json</c> and <c>diffusion_pytorch_model.safetensors</c> (fp16 or fp32) from a diffusers folder.</summary>
    public static UNet2DConditionModel FromFolder(string dir, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        var config = DiffusersFolder.ReadConfig<UNetConfig>(dir, c => c.Validate());
        var model = new UNet2DConditionModel(config);
        DiffusersFolder.LoadWeights(model, dir, device, dtype);
        return model;
    }

    /// <summary>Writes the model as a diffusers folder that <see cref="FromFolder"/> and diffusers can read.</summary>
    public void Save(string dir) => DiffusersFolder.Save(this, Config, dir);

    /// <summary>Attention layers under their diffusers names, e.g. <c>down_blocks.0.attentions.0.transformer_blocks.0.attn1</c>.</summary>
    public IReadOnlyList<(string Name, Attention Module)> AttentionModules => AttentionProcessors.Find(this);

    /// <summary>The processor of every attention layer by name (diffusers' <c>attn_processors</c>).</summary>
    public IReadOnlyDictionary<string, IAttentionProcessor> AttnProcessors => AttentionProcessors.Get(this);

    public void SetAttnProcessor(IAttentionProcessor processor) => AttentionProcessors.SetAll(this, processor);

    public void SetAttnProcessor(IReadOnlyDictionary<string, IAttentionProcessor> processors) =>
        AttentionProcessors.Set(this, processors);

    /// <summary>Chooses per layer; returning null keeps that layer's processor.</summary>
    public void SetAttnProcessor(Func<string, Attention, IAttentionProcessor?> choose) => AttentionProcessors.Set(this, choose);

    /// <param name="sample">Noisy latents [B, in_channels, H, W].</param>
    /// <param name="timesteps">[B] timesteps, or a scalar for the whole batch.</param>
    /// <param name="encoderHiddenStates">Text embeddings [B, L, cross_attention_dim].</param>
    /// <param name="downBlockAdditionalResiduals">ControlNet residuals, one per skip state (added to them).</param>
    /// <param name="midBlockAdditionalResidual">ControlNet residual added to the mid block's output.</param>
    /// <param name="attentionContext">Per-call data for the attention processors.</param>
    /// <returns>The noise prediction [B, out_channels, H, W].</returns>
    public Tensor Forward(Tensor sample, Tensor timesteps, Tensor encoderHiddenStates,
        IReadOnlyList<Tensor>? downBlockAdditionalResiduals = null, Tensor? midBlockAdditionalResidual = null,
        AttentionContext? attentionContext = null)
    {
        using var scope = NewDisposeScope();
        // Sizes that the upsamplers cannot reach by doubling need explicit target sizes.
        long overallUpFactor = 1L << _numUpsamplers;
        bool forwardUpsampleSize = sample.shape[^2] % overallUpFactor != 0 || sample.shape[^1] % overallUpFactor != 0;

        if (Config.CenterInputSample)
            sample = 2 * sample - 1.0;
        var emb = UNetBackbone.EmbedTime(time_proj, time_embedding, timesteps, sample);
        var h = conv_in.call(sample);

        (h, var skips) = UNetBackbone.RunDownBlocks(down_blocks, h, emb, encoderHiddenStates, attentionContext);
        if (downBlockAdditionalResiduals is not null)
        {
            if (downBlockAdditionalResiduals.Count != skips.Count)
                throw new ArgumentException(
                    $"{downBlockAdditionalResiduals.Count} down-block residuals given but the UNet has {skips.Count} skip states");
            skips = skips.Zip(downBlockAdditionalResiduals, (s, r) => s + r).ToList();
        }

        if (mid_block is not null)
            h = mid_block.Forward(h, emb, encoderHiddenStates, attentionContext);
        if (midBlockAdditionalResidual is not null)
            h = h + midBlockAdditionalResidual;

        for (int i = 0; i < up_blocks.Count; i++)
        {
            var block = up_blocks[i];
            var res = skips.GetRange(skips.Count - block.ResnetCount, block.ResnetCount);
            skips.RemoveRange(skips.Count - block.ResnetCount, block.ResnetCount);
            bool isFinal = i == up_blocks.Count - 1;
            long[]? upsampleSize = !isFinal && forwardUpsampleSize ? skips[^1].shape[2..] : null;
            h = block.Forward(h, res, emb, encoderHiddenStates, upsampleSize, attentionContext);
        }

        h = conv_out.call(nn.functional.silu(conv_norm_out.call(h)));
        return h.MoveToOuterDisposeScope();
    }

    private static UNetUpBlock[] CreateUpBlocks(UNetConfig c, out int numUpsamplers)
    {
        int n = c.BlockOutChannels.Count;
        var channels = c.BlockOutChannels.Reverse().ToArray();
        var layers = c.LayersPerBlock.PerBlock(n).Reverse().ToArray();
        var transformerLayers = c.TransformerLayersPerBlock.PerBlock(n).Reverse().ToArray();
        var heads = UNetBackbone.HeadsPerBlock(c).Reverse().ToArray();
        var crossDims = c.CrossAttentionDim.PerBlock(n).Reverse().ToArray();
        var blocks = new UNetUpBlock[n];
        numUpsamplers = 0;
        for (int i = 0; i < n; i++)
        {
            bool isFinal = i == n - 1;
            if (!isFinal)
                numUpsamplers++;
            blocks[i] = UNetBlockFactory.CreateUpBlock(c.UpBlockTypes[i], new UNetBlockArgs
            {
                InChannels = channels[Math.Min(i + 1, n - 1)],
                OutChannels = channels[i],
                PrevOutputChannels = i == 0 ? channels[0] : channels[i - 1],
                TembChannels = UNetBackbone.TimeEmbedDim(c),
                // One more resnet than the down block: the up path also consumes the downsampler's skip state.
                NumLayers = layers[i] + 1,
                TransformerLayers = transformerLayers[i],
                NumHeads = heads[i],
                CrossAttentionDim = crossDims[i],
                Groups = c.NormNumGroups,
                Eps = c.NormEps,
                AddSampler = !isFinal,
                UseLinearProjection = c.UseLinearProjection,
                OnlyCrossAttention = c.OnlyCrossAttention,
                UpcastAttention = c.UpcastAttention,
            });
        }
        return blocks;
    }
}
