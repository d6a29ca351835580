using DreamTuner.Engine.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// The parts the UNet and the ControlNet have in common — validation of the shared settings, the down and mid
/// blocks they build from them, the time embedding and the down pass — so a ControlNet is the UNet's encoder
/// by construction, not by copy.
/// </summary>
public static class UNetBackbone
{
    public static int TimeEmbedDim(IUNetBackboneConfig c) => c.BlockOutChannels[0] * 4;

    /// <summary>Head count per block; SD 1.x configs give it as <c>attention_head_dim</c> (a diffusers naming quirk).</summary>
    public static int[] HeadsPerBlock(IUNetBackboneConfig c) =>
        (c.NumAttentionHeads ?? c.AttentionHeadDim).PerBlock(c.BlockOutChannels.Count);

    /// <summary>Throws <see cref="ArgumentException"/> naming both values when two settings disagree.</summary>
    public static void Validate(IUNetBackboneConfig c)
    {
        int blocks = c.DownBlockTypes.Count;
        if (blocks == 0)
            throw new ArgumentException("down_block_types is empty: a UNet needs at least one block.");
        Require(c.BlockOutChannels.Count == blocks,
            $"block_out_channels has {c.BlockOutChannels.Count} entries but down_block_types has {blocks}; they must be equal.");
        CheckPerBlock("layers_per_block", c.LayersPerBlock, blocks);
        CheckPerBlock("attention_head_dim", c.AttentionHeadDim, blocks);
        CheckPerBlock("num_attention_heads", c.NumAttentionHeads, blocks);
        CheckPerBlock("cross_attention_dim", c.CrossAttentionDim, blocks);
        CheckPerBlock("transformer_layers_per_block", c.TransformerLayersPerBlock, blocks);
        foreach (var type in c.DownBlockTypes)
            Require(UNetBlockFactory.IsKnownDownBlock(type), $"{type} does not exist (down_block_types).");
        Require(c.MidBlockType is null || UNetBlockFactory.MidBlockTypes.Contains(c.MidBlockType),
            $"{c.MidBlockType} does not exist (mid_block_type).");
        Require(c.ActFn == "silu", $"act_fn {c.ActFn} is not supported (only silu).");
        Require(c.ResnetTimeScaleShift == "default",
            $"resnet_time_scale_shift {c.ResnetTimeScaleShift} is not supported (only default).");
        Require(c.ConvInKernel % 2 == 1, $"conv_in_kernel {c.ConvInKernel} must be odd.");
        Require(c.NormNumGroups > 0, $"norm_num_groups must be positive, got {c.NormNumGroups}.");

        var heads = HeadsPerBlock(c);
        for (int i = 0; i < blocks; i++)
        {
            int ch = c.BlockOutChannels[i];
            Require(ch % c.NormNumGroups == 0,
                $"norm_num_groups {c.NormNumGroups} does not divide block_out_channels[{i}] = {ch}.");
            Require(heads[i] > 0 && ch % heads[i] == 0,
                $"the head count {heads[i]} of block {i} (attention_head_dim/num_attention_heads) does not divide block_out_channels[{i}] = {ch}.");
        }
    }

    public static UNetBlockArgs DownBlockArgs(IUNetBackboneConfig c, int i)
    {
        int n = c.BlockOutChannels.Count;
        return new UNetBlockArgs
        {
            InChannels = i == 0 ? c.BlockOutChannels[0] : c.BlockOutChannels[i - 1],
            OutChannels = c.BlockOutChannels[i],
            TembChannels = TimeEmbedDim(c),
            NumLayers = c.LayersPerBlock.PerBlock(n)[i],
            TransformerLayers = c.TransformerLayersPerBlock.PerBlock(n)[i],
            NumHeads = HeadsPerBlock(c)[i],
            CrossAttentionDim = c.CrossAttentionDim.PerBlock(n)[i],
            Groups = c.NormNumGroups,
            Eps = c.NormEps,
            AddSampler = i != n - 1,
            DownsamplePadding = c.DownsamplePadding,
            UseLinearProjection = c.UseLinearProjection,
            OnlyCrossAttention = c.OnlyCrossAttention,
            UpcastAttention = c.UpcastAttention,
        };
    }

    public static ModuleList<UNetDownBlock> CreateDownBlocks(IUNetBackboneConfig c) =>
        nn.ModuleList(c.DownBlockTypes.Select((type, i) => UNetBlockFactory.CreateDownBlock(type, DownBlockArgs(c, i))).ToArray());

    public static UNetMidBlock2DCrossAttn? CreateMidBlock(IUNetBackboneConfig c)
    {
        int n = c.BlockOutChannels.Count;
        return UNetBlockFactory.CreateMidBlock(c.MidBlockType, new UNetBlockArgs
        {
            InChannels = c.BlockOutChannels[^1],
            OutChannels = c.BlockOutChannels[^1],
            TembChannels = TimeEmbedDim(c),
            NumLayers = 1,
            TransformerLayers = c.TransformerLayersPerBlock.PerBlock(n)[^1],
            NumHeads = HeadsPerBlock(c)[^1],
            CrossAttentionDim = c.CrossAttentionDim.PerBlock(n)[^1],
            Groups = c.NormNumGroups,
            Eps = c.NormEps,
            OutputScaleFactor = c.MidBlockScaleFactor,
            UseLinearProjection = c.UseLinearProjection,
            UpcastAttention = c.UpcastAttention,
        });
    }

    public static Conv2d CreateConvIn(IUNetBackboneConfig c) =>
        nn.Conv2d(c.InChannels, c.BlockOutChannels[0], c.ConvInKernel, stride: 1, padding: (long)(c.ConvInKernel - 1) / 2);

    public static Timesteps CreateTimeProj(IUNetBackboneConfig c) => new(c.BlockOutChannels[0], c.FlipSinToCos, c.FreqShift);

    public static TimestepEmbedding CreateTimeEmbedding(IUNetBackboneConfig c) => new(c.BlockOutChannels[0], TimeEmbedDim(c));

    /// <summary>The embedding every resnet receives, in the sample's dtype.</summary>
    public static Tensor EmbedTime(Timesteps timeProj, TimestepEmbedding timeEmbedding, Tensor timesteps, Tensor sample)
    {
        using var t = Timesteps.Broadcast(timesteps.to(sample.device), sample.shape[0]);
        using var features = timeProj.call(t);
        using var typed = features.to(sample.dtype);
        return timeEmbedding.call(typed);
    }

    /// <returns>The deepest features and every skip state, starting with <paramref name="sample"/> itself (after conv_in).</returns>
    public static (Tensor Hidden, List<Tensor> States) RunDownBlocks(IEnumerable<UNetDownBlock> blocks, Tensor sample,
        Tensor emb, Tensor? encoderHiddenStates, AttentionContext? context)
    {
        var states = new List<Tensor> { sample };
        var h = sample;
        foreach (var block in blocks)
        {
            (h, var blockStates) = block.Forward(h, emb, encoderHiddenStates, context);
            states.AddRange(blockStates);
        }
        return (h, states);
    }

    private static void CheckPerBlock(string name, IntOrList? value, int blocks) =>
        Require(value?.Count is null || value.Count == blocks,
            $"{name} {value} has {value?.Count} entries but down_block_types has {blocks}; they must be equal.");

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new ArgumentException(message);
    }
}
