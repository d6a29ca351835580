namespace DreamTuner.Studio.Services.Methods;

/// <summary>Which coarse-identity module a model folder holds, as the engine will choose it (see ModelFolderLayout).</summary>
public enum InstalledCoarseIdentity
{
    /// <summary>The studio cannot see the model folder (Engine:ModelsRoot unset, or the model is not there).</summary>
    Unknown,

    /// <summary>Neither module is installed: self-subject-attention alone carries the identity.</summary>
    None,

    SubjectEncoder,

    IPAdapter,
}
