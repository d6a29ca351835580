using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// The diffusers model folder layout: <c>config.json</c> next to <c>diffusion_pytorch_model.safetensors</c>
/// (or its <c>.fp16</c> variant). Weights on disk may be fp16 or fp32; they are cast to the model's dtype.
/// </summary>
public static class DiffusersFolder
{
    public const string ConfigFileName = "config.json";
    public const string WeightsFileName = "diffusion_pytorch_model.safetensors";
    public const string Fp16WeightsFileName = "diffusion_pytorch_model.fp16.safetensors";

    /// <summary>Reads and validates the config; a config the model cannot use is reported against its file.</summary>
    public static T ReadConfig<T>(string dir, Action<T> validate, string fileName = ConfigFileName)
    {
        var path = Path.Combine(dir, fileName);
        var config = ConfigFile.Read<T>(path);
        try
        {
            validate(config);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"{path}: {e.Message}", e);
        }
        catch (CheckpointException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new CheckpointException($"{path}: {e.Message}", e);
        }
        return config;
    }

    public static string WeightsPath(string dir)
    {
        var path = Path.Combine(dir, WeightsFileName);
        if (File.Exists(path))
            return path;
        var fp16 = Path.Combine(dir, Fp16WeightsFileName);
        return File.Exists(fp16) ? fp16 : path;
    }

    /// <summary>
    /// Loads the folder's weights into <paramref name="model"/> (already built from the config), optionally
    /// rewriting the keys first, then moves it to <paramref name="device"/>/<paramref name="dtype"/> in eval mode.
    /// </summary>
    public static void LoadWeights(nn.Module model, string dir, Device? device, ScalarType dtype,
        Func<IReadOnlyDictionary<string, Tensor>, Dictionary<string, Tensor>>? convertKeys = null)
    {
        var path = WeightsPath(dir);
        var weights = StateDict.Read(path);
        var converted = convertKeys is null ? weights : convertKeys(weights);
        try
        {
            model.to(dtype);
            StateDict.Load(model, converted, path);
        }
        finally
        {
            var owned = new HashSet<Tensor>(weights.Values.Concat(converted.Values), ReferenceEqualityComparer.Instance);
            foreach (var t in owned)
                t.Dispose();
        }
        if (device is not null)
            model.to(device);
        model.eval();
    }

    public static void Save<T>(nn.Module model, T config, string dir)
    {
        ConfigFile.Write(Path.Combine(dir, ConfigFileName), config);
        StateDict.Save(model, Path.Combine(dir, WeightsFileName));
    }
}
