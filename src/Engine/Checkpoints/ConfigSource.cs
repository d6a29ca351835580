using System.Text.Json;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// Where a single-file checkpoint's component configs come from: the built-in Stable Diffusion 1.x configs, or a
/// diffusers folder (<c>--config DIR</c>) whose <c>*/config.json</c> files describe any other shape.
/// </summary>
public sealed class ConfigSource
{
    private readonly string? _dir;

    private ConfigSource(string? dir) => _dir = dir;

    public static ConfigSource Sd15 { get; } = new(null);

    public static ConfigSource FromFolder(string dir)
    {
        if (!Directory.Exists(dir))
            throw new CheckpointException($"Config folder not found: {dir}");
        return new ConfigSource(dir);
    }

    public string Description => _dir ?? "built-in Stable Diffusion 1.x configs";

    /// <summary>The folder's tokenizer/ when it has one (single files carry no vocabulary).</summary>
    public string? TokenizerDir =>
        _dir is not null && File.Exists(Path.Combine(_dir, "tokenizer", "vocab.json")) ? Path.Combine(_dir, "tokenizer") : null;

    public UNetConfig Unet() => Read<UNetConfig>("unet/config.json", "unet", c => c.Validate());

    public AutoencoderKLConfig Vae() => Read<AutoencoderKLConfig>("vae/config.json", "vae", c => c.Validate());

    public ClipTextConfig TextEncoder() => Read<ClipTextConfig>("text_encoder/config.json", "text_encoder", c => c.Validate(Description));

    public SchedulerConfig Scheduler() => Read<SchedulerConfig>("scheduler/scheduler_config.json", "scheduler", c => c.Validate());

    private T Read<T>(string relativePath, string builtIn, Action<T> validate)
    {
        if (_dir is not null)
            return DiffusersFolder.ReadConfig(Path.GetDirectoryName(Path.Combine(_dir, relativePath))!, validate, Path.GetFileName(relativePath));
        using var stream = typeof(ConfigSource).Assembly.GetManifestResourceStream($"Sd15.{builtIn}.json")
            ?? throw new InvalidOperationException($"built-in config {builtIn} is missing from the engine assembly");
        var config = JsonSerializer.Deserialize<T>(stream, ConfigFile.Json)!;
        validate(config);
        return config;
    }
}
