using System.Text.Json;
using System.Text.Json.Serialization;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// The JSON manifest beside a character package (<c>NAME.json</c> next to <c>NAME.safetensors</c>): what the tensors
/// mean and what they were trained on. <see cref="BaseModelHash"/> is <see cref="Pipelines.StableDiffusionModel.Hash"/>
/// of the model the character was trained on; it must match the model it is loaded into.
/// </summary>
public sealed record CharacterManifest
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string BaseModelHash { get; init; }
    public string? BaseModelName { get; init; }
    public required string Token { get; init; }
    public required string ClassWord { get; init; }
    public string? Caption { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter))]
    public FineTuneMode Mode { get; init; }

    public int Rank { get; init; }
    public double LoraAlpha { get; init; }

    /// <summary>True when the package carries subject-encoder ResBlock deltas (load the same subject-encoder first).</summary>
    public bool SubjectEncoder { get; init; }

    public required SubjectFineTuneOptions Parameters { get; init; }
    public int Steps { get; init; }
    public IReadOnlyList<double> Losses { get; init; } = [];
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>dir/NAME.json</c> for <c>dir/NAME.safetensors</c>.</summary>
    public static string PathFor(string packagePath) => Path.ChangeExtension(packagePath, ".json");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static CharacterManifest Read(string packagePath)
    {
        var path = PathFor(packagePath);
        if (!File.Exists(path))
            throw new CheckpointException($"{packagePath}: its manifest {Path.GetFileName(path)} must sit next to it.");
        CharacterManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CharacterManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path} is not a character manifest: {e.Message}", e);
        }
        if (manifest is null) throw new CheckpointException($"{path} is empty.");
        if (manifest.FormatVersion > CurrentFormatVersion)
            throw new CheckpointException($"{path} has format version {manifest.FormatVersion}; this engine reads up to {CurrentFormatVersion}.");
        return manifest;
    }
}
