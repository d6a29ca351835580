using System.Text.Json;
using System.Text.Json.Nodes;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Writes the starter CLIP's vision tower as the model folder's <c>image_encoder/</c>: transformers'
/// <c>CLIPVisionModelWithProjection</c> layout (flat <c>config.json</c> naming that class, <c>model.safetensors</c> with
/// <c>vision_model.*</c> and <c>visual_projection.weight</c> in fp16), as diffusers' IP-Adapter repositories ship it and
/// as <see cref="ClipVisionModel.FromFolder"/> reads it.
/// </summary>
public static class StarterImageEncoder
{
    public const string Architecture = "CLIPVisionModelWithProjection";

    public static void Save(ClipVisionModel vision, string dir)
    {
        ArgumentNullException.ThrowIfNull(vision);
        Directory.CreateDirectory(dir);
        // transformers picks the class from "architectures"; ClipVisionConfig itself does not carry that field.
        var config = new JsonObject { ["architectures"] = new JsonArray(Architecture) };
        foreach (var (key, value) in JsonSerializer.SerializeToNode(vision.Config, ConfigFile.Json)!.AsObject().ToList())
            config[key] = value?.DeepClone();
        File.WriteAllText(Path.Combine(dir, ClipVisionConfig.FileName), config.ToJsonString(ConfigFile.Json));
        StarterWeights.SaveFp16(vision, Path.Combine(dir, ClipVisionModel.WeightsFileName));
    }
}
