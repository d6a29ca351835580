using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Vae;

/// <summary><c>AutoencoderKL</c>'s <c>config.json</c> with diffusers' defaults.</summary>
public sealed record AutoencoderKLConfig
{
    [JsonPropertyName("_class_name")] public string ClassName { get; init; } = "AutoencoderKL";
    [JsonPropertyName("_diffusers_version")] public string DiffusersVersion { get; init; } = "0.27.2";

    public int InChannels { get; init; } = 3;
    public int OutChannels { get; init; } = 3;
    public IReadOnlyList<string> DownBlockTypes { get; init; } = ["DownEncoderBlock2D"];
    public IReadOnlyList<string> UpBlockTypes { get; init; } = ["UpDecoderBlock2D"];
    public IReadOnlyList<int> BlockOutChannels { get; init; } = [64];
    public int LayersPerBlock { get; init; } = 1;
    public string ActFn { get; init; } = "silu";
    public int LatentChannels { get; init; } = 4;
    public int NormNumGroups { get; init; } = 32;
    public int SampleSize { get; init; } = 32;
    /// <summary>Latents are multiplied by this after encoding and divided by it before decoding (SD 1.x: 0.18215).</summary>
    public double ScalingFactor { get; init; } = 0.18215;
    public double? ShiftFactor { get; init; }
    public bool ForceUpcast { get; init; } = true;
    public bool UseQuantConv { get; init; } = true;
    public bool UsePostQuantConv { get; init; } = true;
    public bool MidBlockAddAttention { get; init; } = true;

    public const string DownEncoderBlock2DType = "DownEncoderBlock2D";
    public const string UpDecoderBlock2DType = "UpDecoderBlock2D";

    /// <summary>Throws <see cref="ArgumentException"/> naming both values when settings disagree or are unsupported.</summary>
    public void Validate()
    {
        int n = BlockOutChannels.Count;
        if (n == 0)
            throw new ArgumentException("block_out_channels is empty: a VAE needs at least one block.");
        if (DownBlockTypes.Count != n)
            throw new ArgumentException($"down_block_types has {DownBlockTypes.Count} entries but block_out_channels has {n}; they must be equal.");
        if (UpBlockTypes.Count != n)
            throw new ArgumentException($"up_block_types has {UpBlockTypes.Count} entries but block_out_channels has {n}; they must be equal.");
        foreach (var t in DownBlockTypes.Where(t => t != DownEncoderBlock2DType))
            throw new ArgumentException($"{t} does not exist (down_block_types).");
        foreach (var t in UpBlockTypes.Where(t => t != UpDecoderBlock2DType))
            throw new ArgumentException($"{t} does not exist (up_block_types).");
        if (ActFn != "silu")
            throw new ArgumentException($"act_fn {ActFn} is not supported (only silu).");
        for (int i = 0; i < n; i++)
            if (NormNumGroups <= 0 || BlockOutChannels[i] % NormNumGroups != 0)
                throw new ArgumentException($"norm_num_groups {NormNumGroups} does not divide block_out_channels[{i}] = {BlockOutChannels[i]}.");
    }
}
