using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Text;

/// <summary>
/// transformers' <c>CLIPTextConfig</c> as stored in <c>text_encoder/config.json</c>; defaults are SD 1.x's
/// ViT-L/14 text tower. The token ids in the file are often SD 1.5's legacy 0/2/1, so the tokenizer's ids win.
/// </summary>
public sealed record ClipTextConfig : IClipEncoderConfig
{
    public const string FileName = "config.json";

    public int VocabSize { get; init; } = 49408;
    public int HiddenSize { get; init; } = 768;
    public int IntermediateSize { get; init; } = 3072;
    public int NumHiddenLayers { get; init; } = 12;
    public int NumAttentionHeads { get; init; } = 12;
    public int MaxPositionEmbeddings { get; init; } = 77;
    public string HiddenAct { get; init; } = "quick_gelu";
    public double LayerNormEps { get; init; } = 1e-5;
    public int ProjectionDim { get; init; } = 768;
    public int PadTokenId { get; init; } = 1;
    public int BosTokenId { get; init; } = 49406;
    public int EosTokenId { get; init; } = 49407;

    public int HeadDim => HiddenSize / NumAttentionHeads;

    public static ClipTextConfig FromFile(string path) => ConfigFile.Read<ClipTextConfig>(path).Validate(path);

    /// <summary>Returns this config, or throws <see cref="CheckpointException"/> saying which values disagree.</summary>
    public ClipTextConfig Validate(string source = "CLIP text config")
    {
        this.ValidateEncoder(source);
        ClipEncoderConfigChecks.Require(VocabSize > 0, source, $"vocab_size must be positive, got {VocabSize}");
        ClipEncoderConfigChecks.Require(MaxPositionEmbeddings > 0, source, $"max_position_embeddings must be positive, got {MaxPositionEmbeddings}");
        return this;
    }
}
