using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// A models folder holding one tiny random model (32x32 images in these tests, to keep a loaded machine quick) under <see cref="ModelId"/>, written once per test
/// run: the real starter model is not bundled yet, and random weights exercise every code path the same way.
/// </summary>
public static class TinyModel
{
    public const string ModelId = "tiny";

    private static readonly Lazy<string> Root = new(() =>
    {
        // Shared by test runs (the weights are a pure function of the seed); written aside and renamed into place.
        var root = Path.Combine(Path.GetTempPath(), "dt-jobs-models");
        var target = Path.Combine(root, ModelId);
        if (!Directory.Exists(target))
        {
            var partial = Path.Combine(root, $"{ModelId}.{Guid.NewGuid():N}.partial");
            RandomModelWriter.Write(partial, RandomModelSpec.Tiny, seed: 1);
            try
            {
                Directory.Move(partial, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
        return root;
    });

    public static string ModelsRoot => Root.Value;
}
