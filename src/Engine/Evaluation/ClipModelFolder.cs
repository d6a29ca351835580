using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Starter.Training;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// Reads a transformers <c>CLIPModel</c>-layout folder (<c>config.json</c> with text and vision configs,
/// <c>model.safetensors</c>) as the starter's CLIP stage writes it, and the tokenizer that goes with it. Every missing
/// piece is a <see cref="CheckpointException"/> naming the path, so a half-installed model says what is wrong.
/// </summary>
public static class ClipModelFolder
{
    /// <summary>The CLIP model with both towers and projections, in eval mode.</summary>
    public static StarterClipModel LoadModel(string clipDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clipDir);
        if (!Directory.Exists(clipDir))
            throw new CheckpointException($"CLIP model folder not found: {clipDir}");
        foreach (var file in new[] { StarterClipConfig.FileName, StarterClipModel.WeightsFileName })
        {
            var path = Path.Combine(clipDir, file);
            if (!File.Exists(path))
                throw new CheckpointException(
                    $"Missing file: {path} (a CLIP model folder needs {StarterClipConfig.FileName} and {StarterClipModel.WeightsFileName})");
        }
        return StarterClipModel.FromFolder(clipDir);
    }

    /// <summary>
    /// The tokenizer: <paramref name="tokenizerDir"/> when given; else the CLIP folder's own vocabulary (transformers
    /// keeps it beside the weights, and the starter writes it there); else the Stable Diffusion folder's
    /// <c>tokenizer/</c> next to <c>clip/</c>, whose vocabulary the starter's CLIP was trained with.
    /// </summary>
    public static ClipTokenizer LoadTokenizer(string clipDir, string? tokenizerDir = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clipDir);
        if (tokenizerDir is not null)
            return ClipTokenizer.FromFolder(tokenizerDir);
        if (File.Exists(Path.Combine(clipDir, ClipVocabulary.VocabFileName)))
            return ClipTokenizer.FromFolder(clipDir);
        var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(clipDir).TrimEnd(Path.DirectorySeparatorChar))!, "tokenizer");
        if (Directory.Exists(sibling))
            return ClipTokenizer.FromFolder(sibling);
        throw new CheckpointException(
            $"No tokenizer for the CLIP model in {clipDir}: neither {ClipVocabulary.VocabFileName} there nor a tokenizer/ folder beside it ({sibling})");
    }
}
