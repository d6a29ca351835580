using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// A models folder holding one tiny random model (64x64 images) under <see cref="ModelId"/>, written once per test
/// run: the real starter model is not bundled yet, and random weights exercise every code path the same way.
/// </summary>
public static class TinyModel
{
    public const string ModelId = "tiny";

    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), $"dt-jobs-models-{Environment.ProcessId}");
        if (!Directory.Exists(Path.Combine(root, ModelId)))
            RandomModelWriter.Write(Path.Combine(root, ModelId), RandomModelSpec.Tiny, seed: 1);
        return root;
    });

    public static string ModelsRoot => Root.Value;
}
