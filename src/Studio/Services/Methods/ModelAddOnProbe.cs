using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Options;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services.Methods;

/// <summary>
/// Looks into a model's folder the way the engine's generation job does (<see cref="ModelFolderLayout"/>,
/// <see cref="ModelPaths"/>): a subject-encoder wins over IP-Adapter, and either needs <c>image_encoder/</c>.
/// </summary>
public sealed class ModelAddOnProbe(IOptions<ModelFolderOptions> options)
{
    public InstalledCoarseIdentity CoarseIdentityOf(string? modelId)
    {
        var root = options.Value.ModelsRoot;
        if (string.IsNullOrWhiteSpace(root) || string.IsNullOrWhiteSpace(modelId))
            return InstalledCoarseIdentity.Unknown;
        string path;
        try
        {
            path = ModelPaths.Resolve(root, modelId.Trim());
        }
        catch (GenerationFailedException)
        {
            // Not installed, or not a valid name: the engine will say so when the job runs.
            return InstalledCoarseIdentity.Unknown;
        }

        if (!Directory.Exists(ModelFolderLayout.ImageEncoder(path)))
            return InstalledCoarseIdentity.None;
        if (ModelFolderLayout.ExistingSubjectEncoder(path) is not null)
            return InstalledCoarseIdentity.SubjectEncoder;
        return ModelFolderLayout.ExistingIPAdapter(path) is not null ? InstalledCoarseIdentity.IPAdapter : InstalledCoarseIdentity.None;
    }
}
