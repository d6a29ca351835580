namespace DreamTuner.Engine.Checkpoints;

/// <summary>The transformers folder layout (text and image encoders): config.json next to model.safetensors.</summary>
public static class TransformersFolder
{
    /// <summary>
    /// The weights file: <paramref name="preferredName"/>, or else the folder's only <c>.safetensors</c> file, since
    /// exported encoders are often renamed (e.g. <c>pytorch_model.fp16.safetensors</c>).
    /// </summary>
    public static string FindWeights(string dir, string preferredName = "model.safetensors")
    {
        var path = Path.Combine(dir, preferredName);
        if (File.Exists(path))
            return path;
        var candidates = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.safetensors") : [];
        return candidates.Length switch
        {
            1 => candidates[0],
            0 => throw new CheckpointException($"Missing file: {path} (no .safetensors file in {dir})"),
            _ => throw new CheckpointException(
                $"Missing file: {path}, and {dir} holds several .safetensors files ({string.Join(", ", candidates.Select(Path.GetFileName))}); which one is meant is unclear"),
        };
    }
}
