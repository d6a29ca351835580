using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Jobs;
using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Text;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// The tiny random model (same weights as <see cref="TinyModel"/>) plus a tiny random <c>clip/</c> folder written the
/// way the starter's CLIP stage saves it, so generations on it get prompt scores. Written once per machine.
/// </summary>
public static class TinyClipModel
{
    public const string ModelId = "tiny-clip";

    private static readonly Lazy<string> Folder = new(() =>
    {
        var target = Path.Combine(TinyModel.ModelsRoot, ModelId);
        if (Directory.Exists(target)) return target;
        var partial = Path.Combine(TinyModel.ModelsRoot, $"{ModelId}.{Guid.NewGuid():N}.partial");
        RandomModelWriter.Write(partial, RandomModelSpec.Tiny, seed: 1);
        WriteClip(Path.Combine(partial, ModelFolderLayout.ClipFolder));
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

    private static void WriteClip(string clipDir)
    {
        Directory.CreateDirectory(clipDir);
        StarterVocabulary.Build().Save(clipDir);
        var tokenizer = ClipTokenizer.FromFolder(clipDir);
        var architecture = StarterArchitecture.Tiny;
        var config = new StarterClipConfig
        {
            ProjectionDim = architecture.ClipProjectionDim,
            TextConfig = architecture.ClipText with
            {
                VocabSize = tokenizer.VocabSize, BosTokenId = tokenizer.BosId, EosTokenId = tokenizer.EosId, PadTokenId = tokenizer.EosId,
                ProjectionDim = architecture.ClipProjectionDim,
            },
            VisionConfig = architecture.ClipVision with { ProjectionDim = architecture.ClipProjectionDim },
        };
        using var clip = new StarterClipModel(config);
        config.Save(Path.Combine(clipDir, StarterClipConfig.FileName));
        StarterWeights.SaveFp16(clip, Path.Combine(clipDir, StarterClipModel.WeightsFileName));
    }
}
