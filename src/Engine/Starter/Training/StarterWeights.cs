using DreamTuner.Engine.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>
/// Writes the starter model's weights in fp16 (half the bytes; every loader casts to the model's dtype on copy) and
/// counts parameters for the size cap.
/// </summary>
public static class StarterWeights
{
    /// <summary>The cap on all shipped weights together (fp16 on disk).</summary>
    public const long MaxTotalBytes = 40L * 1024 * 1024;

    public const int BytesPerParameter = 2;

    /// <summary>A diffusers component folder: config.json and diffusion_pytorch_model.safetensors in fp16.</summary>
    public static void SaveDiffusers<T>(nn.Module module, T config, string dir)
    {
        ConfigFile.Write(Path.Combine(dir, DiffusersFolder.ConfigFileName), config);
        SaveFp16(module, Path.Combine(dir, DiffusersFolder.WeightsFileName));
    }

    public static void SaveFp16(nn.Module module, string path)
    {
        using var scope = NewDisposeScope();
        StateDict.Write(path, module.state_dict().ToDictionary(kv => kv.Key,
            kv => kv.Value.is_floating_point() ? kv.Value.to(ScalarType.Float16) : kv.Value));
    }

    public static long CountParameters(nn.Module module) => module.parameters().Sum(p => p.numel());
}
