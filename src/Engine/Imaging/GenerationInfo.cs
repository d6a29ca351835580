using System.Globalization;

namespace DreamTuner.Engine.Imaging;

/// <summary>
/// The settings an image was made with, as AUTOMATIC1111's "infotext" holds them: the prompt, the negative
/// prompt and an ordered list of "Key: value" settings (values as written, e.g. "Size" = "512x512").
/// </summary>
public sealed record GenerationInfo(string Prompt, string NegativePrompt, OrderedDictionary<string, string> Settings)
{
    /// <summary>
    /// Settings in A1111's order: Steps, Sampler, CFG scale, Seed, Size, Model hash, Model, then
    /// <paramref name="extra"/> (e.g. "Denoising strength" = "0.6", DreamTuner's own keys).
    /// </summary>
    /// <param name="scheduler">Our scheduler name; written as A1111's sampler name (<see cref="A1111SamplerNames"/>).</param>
    /// <param name="modelHash">A1111's short "AutoV2" hash (see <c>ModelHash.AutoV2</c>); omitted when null.</param>
    public static GenerationInfo Create(string prompt, string negativePrompt, int steps, string scheduler, double cfgScale,
        long seed, int width, int height, string? modelHash, string? modelName,
        IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var settings = new OrderedDictionary<string, string>
        {
            ["Steps"] = steps.ToString(CultureInfo.InvariantCulture),
            ["Sampler"] = A1111SamplerNames.FromScheduler(scheduler),
            ["CFG scale"] = PythonFloat(cfgScale),
            ["Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Size"] = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
        };
        if (modelHash != null)
            settings["Model hash"] = modelHash;
        if (modelName != null)
            settings["Model"] = modelName;
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return new GenerationInfo(prompt, negativePrompt, settings);
    }

    /// <summary>
    /// A float the way Python's <c>str()</c> prints it (7.0 -> "7.0", 7.5 -> "7.5"), since A1111 writes
    /// its float settings that way; use it for extra settings that are floats.
    /// </summary>
    public static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => Settings.GetValueOrDefault(key);
}
