using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// The tiny random model (same weights as <see cref="TinyModel"/>) with every add-on in the engine's folder layout
/// (<see cref="ModelFolderLayout"/>): a random pose ControlNet, a CLIP image encoder and a subject-encoder. Written
/// once per machine beside the tiny model.
/// </summary>
public static class TinyAddOnModel
{
    public const string ModelId = "tiny-addons";

    private static readonly ClipVisionConfig Clip = new()
    {
        HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 5, NumAttentionHeads = 4, ImageSize = 32, PatchSize = 8, ProjectionDim = 16,
    };

    private static readonly Lazy<string> Folder = new(() =>
    {
        var target = Path.Combine(TinyModel.ModelsRoot, ModelId);
        if (Directory.Exists(target)) return target;
        var partial = Path.Combine(TinyModel.ModelsRoot, $"{ModelId}.{Guid.NewGuid():N}.partial");
        RandomModelWriter.Write(partial, RandomModelSpec.Tiny, seed: 1);
        RandomModelWriter.WriteControlNet(Path.Combine(partial, "controlnet-pose"), RandomModelSpec.Tiny, seed: 2);
        using (var clip = new ClipVisionModel(Clip)) clip.Save(Path.Combine(partial, ModelFolderLayout.ImageEncoderFolder));
        using (var model = ModelLoader.Load(partial, DeviceSpec.Cpu))
        {
            int crossDim = model.Unet.Config.CrossAttentionDim.Values[0];
            using var encoder = new SubjectEncoder(new SubjectEncoderConfig
            {
                LayerIndices = [5, 1, 3], ClipHiddenSize = Clip.HiddenSize, CrossAttentionDim = crossDim, NumResBlocks = 1, ResBlockExpansion = 2,
            });
            foreach (var (_, block) in SubjectEncoderFile.TransformerBlocks(model.Unet)) block.InstallSubjectAttention(crossDim);
            var path = Path.Combine(partial, ModelFolderLayout.SubjectEncoderFile);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            SubjectEncoderFile.Save(path, encoder, model.Unet);
        }
        try
        {
            Directory.Move(partial, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(partial, recursive: true);
        }
        return target;
    });

    public static string FolderPath => Folder.Value;
}
