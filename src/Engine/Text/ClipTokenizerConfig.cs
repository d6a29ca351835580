using System.Text.Json;
using System.Text.Json.Nodes;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Text;

/// <summary>
/// The one field of transformers' <c>tokenizer_config.json</c> the engine reads: <c>model_max_length</c>, the
/// number of ids a prompt is padded or cut to. Other fields are kept untouched when the length is written.
/// </summary>
public static class ClipTokenizerConfig
{
    public const string MaxLengthKey = "model_max_length";

    /// <summary>
    /// transformers writes a huge number (about 1e30) when a tokenizer sets no limit; CLIP always has one, so such
    /// a value means "not set" and the 77 of Stable Diffusion applies.
    /// </summary>
    private const double Unlimited = 1e9;

    /// <summary><c>model_max_length</c> of the folder's tokenizer_config.json; 77 when the file or the field is absent.</summary>
    public static int ReadMaxLength(string tokenizerDir)
    {
        var path = Path.Combine(tokenizerDir, ClipTokenizer.ConfigFileName);
        if (!File.Exists(path)) return ClipTokenizer.DefaultMaxLength;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Invalid JSON in {path}: {e.Message}", e);
        }
        if (root is not JsonObject config)
            throw new CheckpointException($"{path} is not a JSON object");
        if (config[MaxLengthKey] is not JsonValue value) return ClipTokenizer.DefaultMaxLength;
        if (!value.TryGetValue<double>(out var length) || length != Math.Floor(length))
            throw new CheckpointException($"{path}: {MaxLengthKey} must be a whole number, got {value.ToJsonString()}");
        if (length >= Unlimited) return ClipTokenizer.DefaultMaxLength;
        if (length < ClipTokenizer.MinMaxLength)
            throw new CheckpointException($"{path}: {MaxLengthKey} is {length}, but a CLIP prompt needs at least {ClipTokenizer.MinMaxLength} ids (bos, a word, eos)");
        return (int)length;
    }

    /// <summary>Sets <c>model_max_length</c> in the folder's tokenizer_config.json, creating the file if needed.</summary>
    public static void Write(string tokenizerDir, int maxLength)
    {
        var path = Path.Combine(tokenizerDir, ClipTokenizer.ConfigFileName);
        var config = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject existing ? existing : new JsonObject();
        config[MaxLengthKey] = maxLength;
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
