using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Starter.Training;

/// <summary>What a starter model folder's trained text encoder fixes for the stages that reuse it.</summary>
public static class StarterFolderText
{
    /// <summary>max_position_embeddings of the folder's text_encoder/config.json; null when the folder has no text encoder yet.</summary>
    public static int? Positions(string outDir)
    {
        var path = Path.Combine(outDir, "text_encoder", ClipTextConfig.FileName);
        return File.Exists(path) ? ClipTextConfig.FromFile(path).MaxPositionEmbeddings : null;
    }
}
