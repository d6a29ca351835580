using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Training;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// A fine-tune's folder under Engine:WorkRoot: the training loop's checkpoint and cached regular images (what a re-run
/// resumes from), validation images, and the package before it goes to the blob store. Named by the row id, so every
/// attempt of the same job finds the same folder.
/// </summary>
public sealed class FineTuneWorkspace(string workRoot, Guid fineTuneId)
{
    public string Root { get; } = Path.Combine(Path.GetFullPath(workRoot), "finetunes", fineTuneId.ToString("N"));

    public string CheckpointDir => Path.Combine(Root, SubjectFineTuner.CheckpointFolder);

    public string PackagePath => Path.Combine(Root, "package", CharacterPackageArchive.TensorsEntry);

    public string ArtifactPath => Path.Combine(Root, "character.zip");

    /// <summary>The checkpoint a run would resume from, or null for a fresh start.</summary>
    public TrainingCheckpoint? Checkpoint() => TrainingCheckpoint.TryRead(CheckpointDir);

    /// <summary>Removes the folder once its package is stored (best effort: a leftover folder only costs disk).</summary>
    public void Delete()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
