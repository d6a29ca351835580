using DreamTuner.Engine.Checkpoints;
using TorchSharp;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vision;

/// <summary>
/// The CLIP image encoder (transformers <c>CLIPVisionModel</c>, or with <c>visual_projection</c>
/// <c>CLIPVisionModelWithProjection</c>); its state-dict keys are the checkpoint's keys, so a diffusers
/// <c>image_encoder/</c> folder loads by name.
/// </summary>
public sealed class ClipVisionModel : nn.Module<Tensor, ClipVisionOutput>
{
    public const string WeightsFileName = "model.safetensors";
    public const string VisionPrefix = "vision_model.";
    public const string ProjectionKey = "visual_projection.weight";

    /// <summary>A buffer older transformers versions saved; it only holds 0..N, which the model computes itself.</summary>
    public const string PositionIdsKey = "vision_model.embeddings.position_ids";

    /// <summary>Prefixes of the text tower and the shared logit scale in a full <c>CLIPModel</c> checkpoint.</summary>
    public static IReadOnlyList<string> TextTowerPrefixes { get; } = ["text_model.", "text_projection.", "logit_scale"];

    [ComponentName(Name = "vision_model")] private readonly ClipVisionTransformer _visionModel;
    [ComponentName(Name = "visual_projection")] private readonly Linear? _visualProjection;

    public ClipVisionModel(ClipVisionConfig config, bool withProjection = true) : base(nameof(ClipVisionModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        _visionModel = new ClipVisionTransformer(config);
        if (withProjection)
            _visualProjection = nn.Linear(config.HiddenSize, config.ProjectionDim, hasBias: false);
        RegisterComponents();
    }

    public ClipVisionConfig Config { get; }

    public bool HasProjection => _visualProjection != null;

    /// <summary>Runs the encoder on normalised pixels [batch, channels, image_size, image_size].</summary>
    public override ClipVisionOutput forward(Tensor pixelValues)
    {
        var output = _visionModel.forward(pixelValues);
        return _visualProjection == null
            ? output
            : output with { ImageEmbeds = _visualProjection.forward(output.PooledOutput) };
    }

    /// <summary>The layer norm that turns the class token into <see cref="ClipVisionOutput.PooledOutput"/>.</summary>
    public LayerNorm PostLayernorm => _visionModel.PostLayernorm;

    /// <summary>
    /// Reads a diffusers <c>image_encoder/</c> folder (or a transformers CLIP folder): config.json, flat or with a
    /// nested <c>vision_config</c>, and model.safetensors (or the folder's only .safetensors file). The projection
    /// is built when the file holds <c>visual_projection.weight</c>; a full CLIPModel's text tower is skipped.
    /// </summary>
    public static ClipVisionModel FromFolder(string imageEncoderDir, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        var config = ClipVisionConfig.FromFile(Path.Combine(imageEncoderDir, ClipVisionConfig.FileName));
        var weightsPath = TransformersFolder.FindWeights(imageEncoderDir, WeightsFileName);
        var weights = StateDict.Read(weightsPath);
        try
        {
            var visionWeights = VisionTowerOnly(weights);
            var model = new ClipVisionModel(config, withProjection: visionWeights.ContainsKey(ProjectionKey));
            StateDict.Load(model, visionWeights, weightsPath);
            model.to(dtype);
            if (device != null)
                model.to(device);
            model.eval();
            return model;
        }
        finally
        {
            foreach (var tensor in weights.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Writes config.json and model.safetensors, readable by <see cref="FromFolder"/> and by transformers.</summary>
    public void Save(string imageEncoderDir)
    {
        Directory.CreateDirectory(imageEncoderDir);
        Config.Save(Path.Combine(imageEncoderDir, ClipVisionConfig.FileName));
        StateDict.Save(this, Path.Combine(imageEncoderDir, WeightsFileName));
    }

    /// <summary>
    /// Drops what is not part of the image encoder: a full CLIPModel's text tower and the position-ids buffer older
    /// transformers versions saved. Anything else stays, so a wrong file still fails with its unexpected keys.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> VisionTowerOnly(IReadOnlyDictionary<string, Tensor> weights) =>
        weights.Where(kv => kv.Key != PositionIdsKey && !TextTowerPrefixes.Any(kv.Key.StartsWith))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
}
