using System.Text.Json;
using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>Reads diffusers / transformers <c>config.json</c> files into typed config records.</summary>
public static class ConfigFile
{
    /// <summary>snake_case names as the files use them; unknown keys are ignored like diffusers does.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static T Read<T>(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"Missing file: {path}");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                   ?? throw new CheckpointException($"Empty config file: {path}");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Invalid JSON in {path}: {e.Message}", e);
        }
    }

    public static void Write<T>(string path, T config)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(config, Json));
    }
}
