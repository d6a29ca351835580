using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// Reads and writes <c>.safetensors</c> state dicts and copies them into modules by name.
/// Module field names equal checkpoint keys, so loading is a name match that reports what differs.
/// </summary>
public static class StateDict
{
    /// <summary>Reads every tensor of a safetensors file (CPU, dtype as stored).</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path))
            throw new CheckpointException($"Missing file: {path}");
        try
        {
            return Safetensors.LoadStateDict(path);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException($"Cannot read {path} as safetensors (truncated or not a safetensors file): {e.Message}", e);
        }
    }

    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var contiguous = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous());
        Safetensors.SaveStateDict(path, contiguous);
    }

    /// <summary>Saves a module's parameters and buffers under their PyTorch names.</summary>
    public static void Save(nn.Module module, string path)
    {
        using var scope = NewDisposeScope();
        Write(path, module.state_dict());
    }

    /// <summary>
    /// Copies <paramref name="weights"/> into <paramref name="module"/> (casting to the module's dtype).
    /// Throws <see cref="CheckpointException"/> naming the first missing and unexpected keys and any shape
    /// mismatch; <paramref name="source"/> names the file in the message.
    /// </summary>
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> weights, string source,
        IReadOnlySet<string>? optionalKeys = null)
    {
        var target = module.state_dict();
        var missing = target.Keys.Where(k => !weights.ContainsKey(k) && !(optionalKeys?.Contains(k) ?? false)).ToList();
        var unexpected = weights.Keys.Where(k => !target.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new CheckpointException(
                $"{source} does not match the model ({missing.Count} missing, {unexpected.Count} unexpected keys)" +
                (missing.Count > 0 ? $"; missing: {string.Join(", ", missing.Take(3))}" : "") +
                (unexpected.Count > 0 ? $"; unexpected: {string.Join(", ", unexpected.Take(3))}" : ""));
        var badShape = target.Where(kv => weights.TryGetValue(kv.Key, out var w) && !w.shape.SequenceEqual(kv.Value.shape))
            .Select(kv => $"{kv.Key} is [{string.Join(",", weights[kv.Key].shape)}] in the file but [{string.Join(",", kv.Value.shape)}] in the model")
            .FirstOrDefault();
        if (badShape != null)
            throw new CheckpointException($"{source} does not match the model config: {badShape}");
        using (no_grad())
        {
            foreach (var (key, param) in target)
                if (weights.TryGetValue(key, out var w))
                    param.copy_(w);
        }
    }

    /// <summary>Reads a safetensors file and loads it into <paramref name="module"/>.</summary>
    public static void LoadFile(nn.Module module, string path)
    {
        var weights = Read(path);
        try { Load(module, weights, path); }
        finally { foreach (var t in weights.Values) t.Dispose(); }
    }
}
