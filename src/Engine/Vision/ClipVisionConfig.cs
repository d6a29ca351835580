using System.Text.Json;
using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Vision;

/// <summary>
/// transformers' <c>CLIPVisionConfig</c> as stored in <c>image_encoder/config.json</c>. The defaults are transformers'
/// own (ViT-B/32), because <c>save_pretrained</c> may leave out values equal to them; <see cref="OpenClipVitH14"/> is
/// the OpenCLIP tower the DreamTuner paper extracts its features from.
/// </summary>
public sealed record ClipVisionConfig : IClipEncoderConfig
{
    public const string FileName = "config.json";

    /// <summary>The key under which a full <c>CLIPModel</c> config nests its vision tower.</summary>
    public const string NestedKey = "vision_config";

    /// <summary>laion/CLIP-ViT-H-14-laion2B-s32B-b79K, the image encoder IP-Adapter ships for SD 1.5 (32 layers).</summary>
    public static ClipVisionConfig OpenClipVitH14 { get; } = new()
    {
        HiddenSize = 1280,
        IntermediateSize = 5120,
        NumHiddenLayers = 32,
        NumAttentionHeads = 16,
        ImageSize = 224,
        PatchSize = 14,
        HiddenAct = "gelu",
        ProjectionDim = 1024,
    };

    public int HiddenSize { get; init; } = 768;
    public int IntermediateSize { get; init; } = 3072;
    public int NumHiddenLayers { get; init; } = 12;
    public int NumAttentionHeads { get; init; } = 12;
    public int ImageSize { get; init; } = 224;
    public int PatchSize { get; init; } = 32;
    public int NumChannels { get; init; } = 3;
    public string HiddenAct { get; init; } = "quick_gelu";
    public double LayerNormEps { get; init; } = 1e-5;
    public int ProjectionDim { get; init; } = 512;

    /// <summary>Written so transformers recognises a folder we save; ignored when reading.</summary>
    public string ModelType => "clip_vision_model";

    [JsonIgnore] public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Patch tokens plus the class token: the sequence length of every hidden state.</summary>
    [JsonIgnore] public int NumPositions => PatchesPerSide * PatchesPerSide + 1;

    /// <summary>
    /// Reads a flat <c>CLIPVisionConfig</c> file, or the <c>vision_config</c> of a full <c>CLIPModel</c> config, whose
    /// top-level <c>projection_dim</c> is the one its <c>visual_projection</c> uses.
    /// </summary>
    public static ClipVisionConfig FromFile(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"Missing file: {path}");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new CheckpointException($"Invalid config file {path}: expected a JSON object");
            if (!root.TryGetProperty(NestedKey, out var nested) || nested.ValueKind != JsonValueKind.Object)
                return Deserialize(root, path).Validate(path);
            var config = Deserialize(nested, path);
            if (root.TryGetProperty("projection_dim", out var projection))
                config = config with { ProjectionDim = projection.Deserialize<int>(ConfigFile.Json) };
            return config.Validate(path);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Invalid JSON in {path}: {e.Message}", e);
        }
    }

    public void Save(string path) => ConfigFile.Write(path, this);

    /// <summary>Returns this config, or throws <see cref="CheckpointException"/> saying which values disagree.</summary>
    public ClipVisionConfig Validate(string source = "CLIP vision config")
    {
        this.ValidateEncoder(source);
        void Require(bool ok, string message) => ClipEncoderConfigChecks.Require(ok, source, message);
        Require(PatchSize > 0, $"patch_size must be positive, got {PatchSize}");
        Require(ImageSize >= PatchSize, $"image_size {ImageSize} is smaller than patch_size {PatchSize}");
        Require(NumChannels > 0, $"num_channels must be positive, got {NumChannels}");
        Require(ProjectionDim > 0, $"projection_dim must be positive, got {ProjectionDim}");
        return this;
    }

    private static ClipVisionConfig Deserialize(JsonElement element, string path) =>
        element.Deserialize<ClipVisionConfig>(ConfigFile.Json) ?? throw new CheckpointException($"Empty config file: {path}");
}
