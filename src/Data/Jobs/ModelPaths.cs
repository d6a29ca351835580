namespace DreamTuner.Data.Jobs;

/// <summary>
/// Turns a generation's model id (a path relative to Engine:ModelsRoot, such as "starter") into a full path, refusing
/// anything that could leave the models folder: absolute paths, "..", empty segments.
/// </summary>
public static class ModelPaths
{
    public static string Resolve(string modelsRoot, string modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId))
            throw new GenerationFailedException("The generation names no model; choose a model and try again.");
        var segments = modelId.Replace('\\', '/').Split('/');
        if (Path.IsPathRooted(modelId) || modelId.StartsWith('/') || modelId.StartsWith('\\') || modelId.Contains(':')
            || segments.Any(s => s is "" or "." or ".."))
            throw new GenerationFailedException($"Model \"{modelId}\" is not a valid model name: use a folder name under the engine's models folder, such as \"starter\".");

        var root = Path.GetFullPath(modelsRoot);
        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new GenerationFailedException($"Model \"{modelId}\" is outside the engine's models folder.");
        if (!Directory.Exists(full) && !File.Exists(full))
            throw new GenerationFailedException(
                $"Model \"{modelId}\" is not installed on this engine (looked for {full}). Install it there or choose another model.");
        return full;
    }
}
