using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// The trainable part of DreamTuner's subject-encoder (paper section 3.1): which CLIP image-encoder layers feed it and
/// the shape of the ResBlocks that map their concatenated features to UNet cross-attention tokens. Defaults are the
/// paper's: layers {25, 4, 8, 12, 16} of OpenCLIP ViT-H/14 (appendix, "as in ELITE"), SD 1.x's 768-wide tokens.
/// </summary>
public sealed record SubjectEncoderConfig
{
    public const string FileName = "subject_encoder_config.json";

    /// <summary>
    /// Indices into the CLIP <c>hidden_states</c> (0 = embeddings after <c>pre_layrnorm</c>, i = output of layer i),
    /// concatenated in this order; the first is the deep feature, the others add low-level detail.
    /// </summary>
    public IReadOnlyList<int> LayerIndices { get; init; } = [25, 4, 8, 12, 16];

    /// <summary>The CLIP vision tower's hidden_size (1280 for ViT-H/14).</summary>
    public int ClipHiddenSize { get; init; } = 1280;

    /// <summary>Width of the produced subject tokens: the UNet's cross_attention_dim.</summary>
    public int CrossAttentionDim { get; init; } = 768;

    public int NumResBlocks { get; init; } = 2;

    /// <summary>Hidden width of each ResBlock's MLP, as a multiple of <see cref="CrossAttentionDim"/>.</summary>
    public int ResBlockExpansion { get; init; } = 4;

    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>Channels after concatenating the selected layers.</summary>
    [JsonIgnore] public int ConcatenatedSize => ClipHiddenSize * LayerIndices.Count;

    public static SubjectEncoderConfig FromFile(string path) => ConfigFile.Read<SubjectEncoderConfig>(path).Validate(path);

    public void Save(string path) => ConfigFile.Write(path, this);

    /// <summary>Returns this config, or throws <see cref="CheckpointException"/> saying which value is wrong.</summary>
    public SubjectEncoderConfig Validate(string source = "subject encoder config")
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new CheckpointException($"{source}: {message}");
        }

        Require(LayerIndices is { Count: > 0 }, "layer_indices must name at least one CLIP layer");
        foreach (var index in LayerIndices)
            Require(index >= 0, $"layer index {index} is negative (0 is the embeddings, i the output of layer i)");
        Require(ClipHiddenSize > 0, $"clip_hidden_size must be positive, got {ClipHiddenSize}");
        Require(CrossAttentionDim > 0, $"cross_attention_dim must be positive, got {CrossAttentionDim}");
        Require(NumResBlocks >= 0, $"num_res_blocks must not be negative, got {NumResBlocks}");
        Require(ResBlockExpansion > 0, $"res_block_expansion must be positive, got {ResBlockExpansion}");
        Require(LayerNormEps > 0, $"layer_norm_eps must be positive, got {LayerNormEps}");
        return this;
    }

    /// <summary>
    /// Throws <see cref="CheckpointException"/> when this encoder cannot read <paramref name="vision"/>'s features: a
    /// layer index beyond its hidden states (naming the index) or a different hidden size (naming both).
    /// </summary>
    public SubjectEncoderConfig ValidateAgainst(ClipVisionConfig vision)
    {
        ArgumentNullException.ThrowIfNull(vision);
        Validate();
        foreach (var index in LayerIndices)
            if (index > vision.NumHiddenLayers)
                throw new CheckpointException(
                    $"subject encoder layer index {index} is out of range: the CLIP vision model has " +
                    $"{vision.NumHiddenLayers} layers, so hidden_states holds indices 0..{vision.NumHiddenLayers}");
        if (vision.HiddenSize != ClipHiddenSize)
            throw new CheckpointException(
                $"subject encoder clip_hidden_size {ClipHiddenSize} does not match the CLIP vision model's hidden_size {vision.HiddenSize}");
        return this;
    }
}
