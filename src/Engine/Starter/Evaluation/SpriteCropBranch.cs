using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// The attribute reader's second look: identity heads (shape .. accessory colour) and the emblem cells read from the
/// sprite's crop (<see cref="SpriteCrops"/>) at <see cref="SpriteClassifierConfig.CropSize"/> pixels. Field names are
/// the safetensors keys under <c>crop.</c>.
/// </summary>
public sealed class SpriteCropBranch : nn.Module
{
    private readonly Sequential features;
    private readonly Linear hidden;
    private readonly SpriteHeads heads;

    public SpriteCropBranch(SpriteClassifierConfig config) : base(nameof(SpriteCropBranch))
    {
        ArgumentNullException.ThrowIfNull(config);
        features = SpriteConvLevels.Build(config.CropChannels, config.NormNumGroups);
        var channels = config.CropChannels[^1];
        var side = config.CropSize >> config.CropChannels.Count;
        hidden = nn.Linear(channels * side * side + 2 * channels, config.HiddenSize);
        heads = new SpriteHeads(config.HiddenSize, SpriteLabels.IdentityHeads);
        RegisterComponents();
    }

    /// <summary>Identity head logits and emblem cell logits of crops <c>[N, 3, CropSize, CropSize]</c> in [0, 1].</summary>
    public (Tensor[] Identity, Tensor Emblem) Forward(Tensor crops)
    {
        ArgumentNullException.ThrowIfNull(crops);
        using var scope = NewDisposeScope();
        var f = features.forward(crops * 2 - 1);
        // The crop is aligned on the sprite, so the flattened map tells which part of the body a feature is on
        // (badge in the middle, hat on top); the pooled channels add what is there anywhere.
        var h = nn.functional.silu(hidden.forward(cat([f.flatten(1), f.mean([2, 3]), f.amax([2, 3])], 1)));
        var (identity, emblem) = heads.Forward(h);
        foreach (var t in identity) t.MoveToOuterDisposeScope();
        return (identity, emblem.MoveToOuterDisposeScope());
    }
}
