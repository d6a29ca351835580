using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// A test's own models folder for pretraining: the tiny random model with a tiny CLIP image encoder (and no
/// subject-encoder yet, which the job is to write) plus a folder of synthetic images. Private to the test because the
/// job writes into the model folder, which the shared <see cref="TinyModel"/> folder must never see.
/// </summary>
public sealed class PretrainModelsFolder : IDisposable
{
    public const string ModelId = "tiny-pretrain";
    public const string DataFolder = "pretrain-data";
    public const int ImageSize = 32;

    private static readonly ClipVisionConfig Clip = new()
    {
        HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 5, NumAttentionHeads = 4, ImageSize = 32, PatchSize = 8, ProjectionDim = 16,
    };

    private readonly TempFolder _root = new();

    public PretrainModelsFolder(int images = 3)
    {
        RandomModelWriter.Write(ModelPath, RandomModelSpec.Tiny, seed: 1);
        using (var clip = new ClipVisionModel(Clip)) clip.Save(ModelFolderLayout.ImageEncoder(ModelPath));
        WriteImages(Path.Combine(Root, DataFolder), images);
    }

    public string Root => _root.Path;

    public string ModelPath => Path.Combine(Root, ModelId);

    /// <summary>Coloured squares on plain backgrounds, each image its own colours and place, with captions.</summary>
    private static void WriteImages(string dir, int count)
    {
        Directory.CreateDirectory(dir);
        using var scope = NewDisposeScope();
        for (int i = 0; i < count; i++)
        {
            var background = tensor(new[] { 0.2f + 0.2f * i, 0.8f - 0.1f * i, 0.5f }).view(1, 3, 1, 1);
            var subject = tensor(new[] { 0.9f - 0.3f * i, 0.1f + 0.2f * i, 0.3f }).view(1, 3, 1, 1);
            var mask = zeros(1, 1, ImageSize, ImageSize);
            int x0 = i * 4, y0 = i * 3;
            mask[.., .., TensorIndex.Slice(y0, y0 + ImageSize / 2), TensorIndex.Slice(x0, x0 + ImageSize / 2)] = 1;
            var image = background * (1 - mask) + subject * mask;
            File.WriteAllBytes(Path.Combine(dir, $"img{i}.png"), ImageTensors.ToPng(image * 2 - 1));
            File.WriteAllText(Path.Combine(dir, $"img{i}.txt"), $"a photo of a square number {i}");
        }
    }

    public void Dispose() => _root.Dispose();
}
