using System.Text.Json;
using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// transformers' <c>CLIPConfig</c> as written to the starter CLIP model's <c>config.json</c>: the two towers' configs
/// nested under <c>text_config</c> and <c>vision_config</c>, and the shared <c>projection_dim</c>. The vision tower
/// alone loads from the same folder through <see cref="ClipVisionModel.FromFolder"/>.
/// </summary>
public sealed record StarterClipConfig
{
    public const string FileName = "config.json";

    public IReadOnlyList<string> Architectures { get; init; } = ["CLIPModel"];
    public string ModelType { get; init; } = "clip";
    public required int ProjectionDim { get; init; }
    /// <summary>CLIP's initial temperature: ln(1 / 0.07).</summary>
    public double LogitScaleInitValue { get; init; } = 2.6592;
    public required ClipTextConfig TextConfig { get; init; }
    public required ClipVisionConfig VisionConfig { get; init; }

    public void Save(string path) => ConfigFile.Write(path, this);

    public static StarterClipConfig FromFile(string path)
    {
        var config = ConfigFile.Read<StarterClipConfig>(path);
        config.TextConfig.Validate(path);
        config.VisionConfig.Validate(path);
        return config;
    }
}
