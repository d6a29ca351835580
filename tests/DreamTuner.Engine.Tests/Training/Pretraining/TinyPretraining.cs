using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Tests.DreamTuner;
using DreamTuner.Engine.Tests.Vision;
using DreamTuner.Engine.Training.Pretraining;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training.Pretraining;

/// <summary>Pretraining runs small enough for tests: the tiny SD 1.5, the tiny CLIP tower, 32 px synthetic images.</summary>
public static class TinyPretraining
{
    public const int Size = 32;

    public static SubjectEncoderPretrainOptions Options(int steps = 3) => new()
    {
        Steps = steps,
        BatchSize = 2,
        // Far above the paper's 1e-5 so that a few steps on a tiny model move the loss visibly.
        LearningRate = 3e-3,
        Resolution = Size,
        CheckpointEvery = 2,
        Seed = 5,
    };

    public static SubjectEncoderIdentity CreateEncoder(StableDiffusionModel model, long seed = 9) =>
        SubjectEncoderPretrainer.CreateFresh(model.Unet, TinyClipVision.Create(1),
            TinySubjectEncoder.Config with { CrossAttentionDim = model.Unet.Config.CrossAttentionDim.Values[0] }, seed);

    /// <summary>
    /// Writes <paramref name="count"/> images of a coloured square on a plain background (each image its own colours
    /// and place), with captions, and optionally masks of the square and depth maps (a left-to-right ramp plus the square).
    /// </summary>
    public static string WriteDataset(string dir, int count = 4, bool masks = true, bool depth = false, int size = Size)
    {
        Directory.CreateDirectory(dir);
        using var scope = NewDisposeScope();
        for (int i = 0; i < count; i++)
        {
            var background = tensor(new[] { 0.2f + 0.15f * i, 0.8f - 0.1f * i, 0.5f }).view(1, 3, 1, 1);
            var subject = tensor(new[] { 0.9f - 0.2f * (i % 3), 0.1f + 0.2f * (i % 4), 0.3f + 0.15f * i }).view(1, 3, 1, 1);
            var mask = zeros(1, 1, size, size);
            int x0 = (i * 5) % (size / 2), y0 = (i * 3) % (size / 2);
            mask[.., .., TensorIndex.Slice(y0, y0 + size / 2), TensorIndex.Slice(x0, x0 + size / 2)] = 1;
            var image = background * (1 - mask) + subject * mask;
            var name = Path.Combine(dir, $"img{i:D2}");
            File.WriteAllBytes(name + ".png", ImageTensors.ToPng(image * 2 - 1));
            File.WriteAllText(name + ".txt", $"a photo of a square number {i}");
            if (masks)
                File.WriteAllBytes(name + ".mask.png", ImageTensors.ToPng(mask.expand(1, 3, size, size) * 2 - 1));
            if (depth)
            {
                var ramp = linspace(0, 1, size).view(1, 1, 1, size).expand(1, 3, size, size);
                File.WriteAllBytes(name + ".depth.png", ImageTensors.ToPng(((ramp + mask) / 2) * 2 - 1));
            }
        }
        return dir;
    }

    public static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
}
