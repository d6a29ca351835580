using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// <c>UNet2DConditionModel</c>'s <c>config.json</c>: the constructor arguments, with diffusers' defaults (SD 1.x).
/// Keys this port does not use are ignored on read; <see cref="Validate"/> rejects values it cannot honour.
/// </summary>
public sealed record UNetConfig : IUNetBackboneConfig
{
    [JsonPropertyName("_class_name")] public string ClassName { get; init; } = "UNet2DConditionModel";
    [JsonPropertyName("_diffusers_version")] public string DiffusersVersion { get; init; } = "0.27.2";

    public int? SampleSize { get; init; }
    public int InChannels { get; init; } = 4;
    public int OutChannels { get; init; } = 4;
    public bool CenterInputSample { get; init; }
    public bool FlipSinToCos { get; init; } = true;
    public int FreqShift { get; init; }
    public IReadOnlyList<string> DownBlockTypes { get; init; } =
        ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"];
    public string? MidBlockType { get; init; } = "UNetMidBlock2DCrossAttn";
    public IReadOnlyList<string> UpBlockTypes { get; init; } =
        ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"];
    public bool OnlyCrossAttention { get; init; }
    public IReadOnlyList<int> BlockOutChannels { get; init; } = [320, 640, 1280, 1280];
    public IntOrList LayersPerBlock { get; init; } = 2;
    public int DownsamplePadding { get; init; } = 1;
    public double MidBlockScaleFactor { get; init; } = 1.0;
    public double Dropout { get; init; }
    public string ActFn { get; init; } = "silu";
    public int NormNumGroups { get; init; } = 32;
    public double NormEps { get; init; } = 1e-5;
    public IntOrList CrossAttentionDim { get; init; } = 1280;
    public IntOrList TransformerLayersPerBlock { get; init; } = 1;
    /// <summary>In SD 1.x configs this is the number of heads, not their width (a diffusers naming quirk).</summary>
    public IntOrList AttentionHeadDim { get; init; } = 8;
    /// <summary>The head count under its real name; when set it wins over <see cref="AttentionHeadDim"/>.</summary>
    public IntOrList? NumAttentionHeads { get; init; }
    public bool DualCrossAttention { get; init; }
    public bool UseLinearProjection { get; init; }
    public string? ClassEmbedType { get; init; }
    public string? AdditionEmbedType { get; init; }
    public string? EncoderHidDimType { get; init; }
    /// <summary>Only affects the unused manual-softmax path in diffusers (SDPA computes in the input dtype).</summary>
    public bool UpcastAttention { get; init; }
    public string ResnetTimeScaleShift { get; init; } = "default";
    public string TimeEmbeddingType { get; init; } = "positional";
    public int ConvInKernel { get; init; } = 3;
    public int ConvOutKernel { get; init; } = 3;
    public string AttentionType { get; init; } = "default";

    /// <summary>Throws <see cref="ArgumentException"/> naming both values when settings disagree or are unsupported.</summary>
    public void Validate()
    {
        UNetBackbone.Validate(this);
        if (UpBlockTypes.Count != DownBlockTypes.Count)
            throw new ArgumentException(
                $"up_block_types has {UpBlockTypes.Count} entries but down_block_types has {DownBlockTypes.Count}; they must be equal.");
        foreach (var type in UpBlockTypes)
            if (!UNetBlockFactory.IsKnownUpBlock(type))
                throw new ArgumentException($"{type} does not exist (up_block_types).");
        if (ConvOutKernel % 2 != 1)
            throw new ArgumentException($"conv_out_kernel {ConvOutKernel} must be odd.");
        Unsupported("time_embedding_type", TimeEmbeddingType, "positional");
        Unsupported("attention_type", AttentionType, "default");
        Unsupported("class_embed_type", ClassEmbedType, null);
        Unsupported("addition_embed_type", AdditionEmbedType, null);
        Unsupported("encoder_hid_dim_type", EncoderHidDimType, null);
        if (DualCrossAttention)
            throw new ArgumentException("dual_cross_attention true is not supported.");
    }

    private static void Unsupported(string name, string? value, string? supported)
    {
        if (value != supported)
            throw new ArgumentException($"{name} {value ?? "null"} is not supported (only {supported ?? "null"}).");
    }
}
