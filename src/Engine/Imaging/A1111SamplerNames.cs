namespace DreamTuner.Engine.Imaging;

/// <summary>
/// Our scheduler names and the sampler names AUTOMATIC1111 writes in its "Sampler:" field, so that images
/// made here read as the same settings in A1111, ComfyUI importers and model sites.
/// </summary>
public static class A1111SamplerNames
{
    private static readonly Dictionary<string, string> ToA1111 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pndm"] = "PLMS",
        ["ddim"] = "DDIM",
        ["dpmpp-2m"] = "DPM++ 2M",
        ["dpmpp-2m-karras"] = "DPM++ 2M Karras",
        ["euler"] = "Euler",
        ["euler-a"] = "Euler a",
    };

    private static readonly Dictionary<string, string> FromA1111 =
        ToA1111.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>A1111's name for <paramref name="scheduler"/>, or null if it has none.</summary>
    public static string? TryFromScheduler(string scheduler) => ToA1111.GetValueOrDefault(scheduler);

    /// <summary>A1111's name for <paramref name="scheduler"/>; our own name when A1111 has no equivalent.</summary>
    public static string FromScheduler(string scheduler) => TryFromScheduler(scheduler) ?? scheduler;

    /// <summary>
    /// Our scheduler for an A1111 sampler, or null. A1111 1.9+ writes the sigma schedule separately
    /// ("Sampler: DPM++ 2M, Schedule type: Karras"); older versions fold it into the name.
    /// </summary>
    public static string? ToScheduler(string sampler, string? scheduleType = null)
    {
        var name = scheduleType is null or "" or "Automatic" || sampler.EndsWith(" " + scheduleType, StringComparison.Ordinal)
            ? sampler
            : $"{sampler} {scheduleType}";
        return FromA1111.GetValueOrDefault(name);
    }
}
