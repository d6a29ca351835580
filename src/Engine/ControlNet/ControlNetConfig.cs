using System.Text.Json.Serialization;
using DreamTuner.Engine.Unet;

namespace DreamTuner.Engine.ControlNet;

/// <summary>
/// <c>ControlNetModel</c>'s <c>config.json</c> with diffusers' defaults: the UNet encoder's settings plus the
/// conditioning image embedding.
/// </summary>
public sealed record ControlNetConfig : IUNetBackboneConfig
{
    [JsonPropertyName("_class_name")] public string ClassName { get; init; } = "ControlNetModel";
    [JsonPropertyName("_diffusers_version")] public string DiffusersVersion { get; init; } = "0.27.2";

    public int InChannels { get; init; } = 4;
    public int ConditioningChannels { get; init; } = 3;
    public bool FlipSinToCos { get; init; } = true;
    public int FreqShift { get; init; }
    public IReadOnlyList<string> DownBlockTypes { get; init; } =
        ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"];
    public string? MidBlockType { get; init; } = "UNetMidBlock2DCrossAttn";
    public bool OnlyCrossAttention { get; init; }
    public IReadOnlyList<int> BlockOutChannels { get; init; } = [320, 640, 1280, 1280];
    public IntOrList LayersPerBlock { get; init; } = 2;
    public int DownsamplePadding { get; init; } = 1;
    public double MidBlockScaleFactor { get; init; } = 1.0;
    public string ActFn { get; init; } = "silu";
    public int NormNumGroups { get; init; } = 32;
    public double NormEps { get; init; } = 1e-5;
    public IntOrList CrossAttentionDim { get; init; } = 1280;
    public IntOrList TransformerLayersPerBlock { get; init; } = 1;
    /// <summary>In SD 1.x configs this is the number of heads, not their width (a diffusers naming quirk).</summary>
    public IntOrList AttentionHeadDim { get; init; } = 8;
    public IntOrList? NumAttentionHeads { get; init; }
    public bool UseLinearProjection { get; init; }
    public string? ClassEmbedType { get; init; }
    public string? AdditionEmbedType { get; init; }
    public string? EncoderHidDimType { get; init; }
    public bool UpcastAttention { get; init; }
    public string ResnetTimeScaleShift { get; init; } = "default";
    /// <summary>"rgb", or "bgr" for models trained on BGR control images (the channels are flipped first).</summary>
    public string ControlnetConditioningChannelOrder { get; init; } = "rgb";
    public IReadOnlyList<int> ConditioningEmbeddingOutChannels { get; init; } = [16, 32, 96, 256];
    public bool GlobalPoolConditions { get; init; }

    /// <summary>diffusers' ControlNet has no such setting: its conv_in is always 3x3.</summary>
    [JsonIgnore] public int ConvInKernel => 3;

    /// <summary>The ControlNet that <c>ControlNetModel.from_unet</c> makes for a UNet (same encoder settings).</summary>
    public static ControlNetConfig FromUNet(UNetConfig u, IReadOnlyList<int>? conditioningEmbeddingOutChannels = null) => new()
    {
        InChannels = u.InChannels,
        FlipSinToCos = u.FlipSinToCos,
        FreqShift = u.FreqShift,
        DownBlockTypes = u.DownBlockTypes,
        MidBlockType = u.MidBlockType,
        OnlyCrossAttention = u.OnlyCrossAttention,
        BlockOutChannels = u.BlockOutChannels,
        LayersPerBlock = u.LayersPerBlock,
        DownsamplePadding = u.DownsamplePadding,
        MidBlockScaleFactor = u.MidBlockScaleFactor,
        ActFn = u.ActFn,
        NormNumGroups = u.NormNumGroups,
        NormEps = u.NormEps,
        CrossAttentionDim = u.CrossAttentionDim,
        TransformerLayersPerBlock = u.TransformerLayersPerBlock,
        AttentionHeadDim = u.AttentionHeadDim,
        NumAttentionHeads = u.NumAttentionHeads,
        UseLinearProjection = u.UseLinearProjection,
        UpcastAttention = u.UpcastAttention,
        ResnetTimeScaleShift = u.ResnetTimeScaleShift,
        ConditioningEmbeddingOutChannels = conditioningEmbeddingOutChannels ?? [16, 32, 96, 256],
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming both values when settings disagree or are unsupported.</summary>
    public void Validate()
    {
        UNetBackbone.Validate(this);
        if (MidBlockType is null)
            throw new ArgumentException("mid_block_type null is not supported: a ControlNet needs a mid block.");
        if (ConditioningEmbeddingOutChannels.Count == 0)
            throw new ArgumentException("conditioning_embedding_out_channels is empty.");
        if (ControlnetConditioningChannelOrder is not ("rgb" or "bgr"))
            throw new ArgumentException($"controlnet_conditioning_channel_order {ControlnetConditioningChannelOrder} is not supported (rgb or bgr).");
        if (ClassEmbedType is not null || AdditionEmbedType is not null || EncoderHidDimType is not null)
            throw new ArgumentException("class_embed_type, addition_embed_type and encoder_hid_dim_type must be null (SD 1.x ControlNets).");
    }
}
