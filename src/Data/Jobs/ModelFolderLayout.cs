using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// Where the engine looks for a model's add-ons, beside its UNet in the model's folder (for a single-file model: the
/// folder that holds the file). One fixed layout instead of engine options, so that a model folder is self-contained:
/// <list type="bullet">
/// <item><c>controlnet-pose/</c>, <c>controlnet-depth/</c> (and <c>controlnet-canny/</c>, ... for the other types): diffusers ControlNet folders;</item>
/// <item><c>subject_encoder/subject_encoder.safetensors</c> with <c>subject_encoder_config.json</c> beside it: DreamTuner's subject-encoder;</item>
/// <item><c>ip_adapter/ip-adapter_sd15.safetensors</c>: IP-Adapter SD 1.5, used when there is no subject-encoder;</item>
/// <item><c>image_encoder/</c>: the CLIP image encoder both of them need (transformers layout, as in diffusers' IP-Adapter repos);</item>
/// <item><c>clip/</c>: a whole CLIP model (transformers <c>CLIPModel</c> layout, as the starter writes it) for the prompt score (CLIP-T).</item>
/// </list>
/// </summary>
public static class ModelFolderLayout
{
    public const string SubjectEncoderFile = "subject_encoder/subject_encoder.safetensors";
    public const string IPAdapterFile = "ip_adapter/ip-adapter_sd15.safetensors";
    public const string ImageEncoderFolder = "image_encoder";
    public const string ClipFolder = "clip";

    public static string Folder(string modelPath) =>
        Directory.Exists(modelPath) ? modelPath : Path.GetDirectoryName(Path.GetFullPath(modelPath))!;

    public static string ControlNetFolderName(ControlType type) => $"controlnet-{type.ToString().ToLowerInvariant()}";

    public static string ControlNet(string modelPath, ControlType type) => Path.Combine(Folder(modelPath), ControlNetFolderName(type));

    public static string? ExistingSubjectEncoder(string modelPath) => Existing(modelPath, SubjectEncoderFile);

    public static string? ExistingIPAdapter(string modelPath) => Existing(modelPath, IPAdapterFile);

    public static string ImageEncoder(string modelPath) => Path.Combine(Folder(modelPath), ImageEncoderFolder);

    /// <summary>The model's <c>clip/</c> folder, or null when it has none.</summary>
    public static string? ExistingClip(string modelPath)
    {
        var path = Path.Combine(Folder(modelPath), ClipFolder);
        return Directory.Exists(path) ? path : null;
    }

    /// <summary>True when a coarse-identity module and its image encoder are both installed.</summary>
    public static bool HasCoarseIdentity(string modelPath) =>
        (ExistingSubjectEncoder(modelPath) ?? ExistingIPAdapter(modelPath)) is not null && Directory.Exists(ImageEncoder(modelPath));

    private static string? Existing(string modelPath, string relative)
    {
        var path = Path.Combine(Folder(modelPath), relative);
        return File.Exists(path) ? path : null;
    }
}
