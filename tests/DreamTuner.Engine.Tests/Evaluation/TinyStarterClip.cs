using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Text;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Evaluation;

/// <summary>
/// A tiny random CLIP folder written the way the starter's CLIP stage saves one (<see cref="ClipStageBuilder"/>):
/// the tiny architecture's towers, <c>config.json</c>, fp16 <c>model.safetensors</c> and the starter vocabulary.
/// </summary>
public static class TinyStarterClip
{
    public static string Write(string clipDir, long seed = 7, bool withVocabulary = true)
    {
        Directory.CreateDirectory(clipDir);
        var vocabularyDir = withVocabulary ? clipDir : Path.Combine(Path.GetDirectoryName(clipDir)!, "tokenizer");
        Directory.CreateDirectory(vocabularyDir);
        StarterVocabulary.Build().Save(vocabularyDir);
        var tokenizer = ClipTokenizer.FromFolder(vocabularyDir);
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
        manual_seed(seed);
        using var clip = new StarterClipModel(config);
        config.Save(Path.Combine(clipDir, StarterClipConfig.FileName));
        StarterWeights.SaveFp16(clip, Path.Combine(clipDir, StarterClipModel.WeightsFileName));
        return clipDir;
    }
}
