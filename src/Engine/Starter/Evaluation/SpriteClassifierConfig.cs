using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// The attribute classifier's shape, as written to <c>evaluator/config.json</c>. Each entry of
/// <see cref="BlockOutChannels"/> is one level (3x3 conv, then a stride-2 3x3 conv), so a 64x64 image ends as an
/// 8x8 map after three levels. That map is narrowed to <see cref="FlatChannels"/> and flattened (position and scale are
/// spatial, pooling would discard where things are) and, beside it, average- and max-pooled over space (colours,
/// shapes and glyph cells, wherever the sprite stands).
/// </summary>
public sealed record SpriteClassifierConfig
{
    public const string FileName = "config.json";

    public int ImageSize { get; init; } = StarterRenderer.DefaultSize;
    public IReadOnlyList<int> BlockOutChannels { get; init; } = [32, 64, 96];
    public int FlatChannels { get; init; } = 32;
    public int HiddenSize { get; init; } = 256;
    public int NormNumGroups { get; init; } = 8;

    /// <summary>
    /// Side in pixels of the sprite crop the identity attributes and the emblem are read from
    /// (<see cref="SpriteCropBranch"/>); 0: no crop branch, everything is read from the whole image (the first
    /// evaluators, whose config.json lacks the field).
    /// </summary>
    public int CropSize { get; init; }

    /// <summary>Levels of the crop branch (as <see cref="BlockOutChannels"/>); the crop ends as a (CropSize / 2^levels)² map.</summary>
    public IReadOnlyList<int> CropChannels { get; init; } = [32, 64, 128];

    /// <summary>Side of the last feature map.</summary>
    [JsonIgnore]
    public int FeatureSize => ImageSize >> BlockOutChannels.Count;

    public static SpriteClassifierConfig Full { get; } = new() { CropSize = 32 };

    public static SpriteClassifierConfig Tiny { get; } = new()
    {
        BlockOutChannels = [8, 16, 16], FlatChannels = 8, HiddenSize = 32, NormNumGroups = 4, CropSize = 16, CropChannels = [8, 16],
    };

    /// <summary>Throws naming the setting (and <paramref name="source"/>) that cannot build a classifier.</summary>
    public SpriteClassifierConfig Validate(string source = "SpriteClassifierConfig")
    {
        if (BlockOutChannels.Count == 0)
            throw new CheckpointException($"{source}: block_out_channels is empty");
        if (ImageSize % (1 << BlockOutChannels.Count) != 0)
            throw new CheckpointException($"{source}: image_size {ImageSize} is not divisible by 2^{BlockOutChannels.Count} (one halving per block)");
        foreach (var channels in BlockOutChannels.Append(FlatChannels))
            if (channels <= 0 || channels % NormNumGroups != 0)
                throw new CheckpointException($"{source}: {channels} channels are not a positive multiple of norm_num_groups {NormNumGroups}");
        if (CropSize < 0 || (CropSize > 0 && (CropChannels.Count == 0 || CropSize % (1 << CropChannels.Count) != 0)))
            throw new CheckpointException($"{source}: crop_size {CropSize} is not 0 or a positive multiple of 2^{CropChannels.Count} (one halving per crop level)");
        if (CropSize > 0)
            foreach (var channels in CropChannels)
                if (channels <= 0 || channels % NormNumGroups != 0)
                    throw new CheckpointException($"{source}: crop level of {channels} channels is not a positive multiple of norm_num_groups {NormNumGroups}");
        if (HiddenSize <= 0)
            throw new CheckpointException($"{source}: hidden_size {HiddenSize} must be positive");
        return this;
    }

    public void Save(string path) => ConfigFile.Write(path, this);

    public static SpriteClassifierConfig FromFile(string path) => ConfigFile.Read<SpriteClassifierConfig>(path).Validate(path);
}
