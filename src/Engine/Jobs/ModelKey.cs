using DreamTuner.Data.Jobs;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// What a job needs loaded: the base model, optionally a ControlNet, the coarse-identity module found in the model's
/// folder (<see cref="ModelFolderLayout"/>), and character packages applied on top. Each distinct combination is its
/// own cache entry, because packages and subject-encoder layers change the model's weights and tokenizer in place.
/// </summary>
public sealed record ModelKey(string ModelPath, string? ControlNetPath = null, bool CoarseIdentity = false,
    IReadOnlyList<string>? CharacterPackages = null)
{
    public IReadOnlyList<string> Packages => CharacterPackages ?? [];

    /// <summary>The cache's identity: the plain model path when nothing is added, so plain jobs share one entry.</summary>
    public string Id
    {
        get
        {
            var id = ModelPath;
            if (ControlNetPath is not null) id += $"|controlnet={ControlNetPath}";
            if (CoarseIdentity) id += "|coarse";
            foreach (var package in Packages) id += $"|character={package}";
            return id;
        }
    }
}
