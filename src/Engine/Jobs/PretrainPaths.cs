using DreamTuner.Data.Jobs;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Resolves the folders a pretraining request names. A relative path is taken under Engine:ModelsRoot with the same
/// rules as <see cref="ModelPaths"/> (no "..", no empty segments, must stay inside); an absolute path is the
/// administrator's explicit choice of a folder on the worker and is only required to exist.
/// </summary>
public static class PretrainPaths
{
    public static string ResolveFolder(string modelsRoot, string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new GenerationFailedException($"The pretraining request names no {what}.");
        string full;
        if (Path.IsPathRooted(value))
        {
            full = Path.GetFullPath(value);
        }
        else
        {
            var segments = value.Replace('\\', '/').Split('/');
            if (value.Contains(':') || segments.Any(s => s is "" or "." or ".."))
                throw new GenerationFailedException($"The {what} \"{value}\" is not a valid folder name: use a folder under the engine's models folder or an absolute path.");
            var root = Path.GetFullPath(modelsRoot);
            full = Path.GetFullPath(Path.Combine([root, .. segments]));
            if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new GenerationFailedException($"The {what} \"{value}\" is outside the engine's models folder.");
        }
        if (!Directory.Exists(full))
            throw new GenerationFailedException($"The {what} \"{value}\" does not exist on this engine (looked for {full}).");
        return full;
    }
}
