using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Data.Options;

/// <summary>Settings of an engine worker: where models are, what it computes on, and how it reaches the studio.</summary>
public sealed class EngineOptions : IValidatableObject
{
    public const string SectionName = "Engine";

    public const string ModelsRootMessage = "Engine:ModelsRoot (env Engine__ModelsRoot) must be set to an existing folder";

    public const string DeviceMessage = "Engine:Device (env Engine__Device) must be \"cpu\", \"cuda\" or \"cuda:N\"";

    public const string DTypeMessage = "Engine:DType (env Engine__DType) must be \"float32\", \"bfloat16\" or \"float16\"";

    public const string StudioHubUrlMessage = "Engine:StudioHubUrl (env Engine__StudioHubUrl) must be an absolute http or https URL, such as http://127.0.0.1:5080/hubs/engine";

    public const string HubKeyMessage = "Engine:HubKey (env Engine__HubKey) must be set to a shared secret of at least 16 characters";

    [Required(ErrorMessage = ModelsRootMessage)]
    public string ModelsRoot { get; set; } = "";

    [Required(ErrorMessage = DeviceMessage)]
    [RegularExpression(@"^(cpu|cuda(:[0-9]+)?)$", ErrorMessage = DeviceMessage)]
    public string Device { get; set; } = "cpu";

    [Required(ErrorMessage = DTypeMessage)]
    [RegularExpression("^(float32|bfloat16|float16)$", ErrorMessage = DTypeMessage)]
    public string DType { get; set; } = "float32";

    [Required(ErrorMessage = StudioHubUrlMessage)]
    public string StudioHubUrl { get; set; } = "";

    [Required(ErrorMessage = HubKeyMessage)]
    [MinLength(16, ErrorMessage = HubKeyMessage)]
    public string HubKey { get; set; } = "";

    /// <summary>Memory the worker may keep loaded models in (approximate parameter bytes, LRU eviction).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Engine:ModelCacheMegabytes (env Engine__ModelCacheMegabytes) must be a positive number of megabytes")]
    public int ModelCacheMegabytes { get; set; } = 12 * 1024;

    /// <summary>
    /// How long a job fetched by a worker that died stays invisible before another worker takes it (Hangfire's
    /// InvisibilityTimeout; live workers keep extending it). Short in tests, minutes in production.
    /// </summary>
    [Range(5, 86_400, ErrorMessage = "Engine:JobInvisibilitySeconds (env Engine__JobInvisibilitySeconds) must be 5-86400")]
    public int JobInvisibilitySeconds { get; set; } = 300;

    public const string WorkRootMessage = "Engine:WorkRoot (env Engine__WorkRoot) must be a folder the engine can create and write (fine-tune checkpoints and regular images)";

    /// <summary>
    /// Where fine-tunes keep their checkpoints, cached regular images and validation images (one folder per fine-tune,
    /// removed when it succeeds). It must survive a restart for a re-run job to resume, so not a temporary folder in production.
    /// </summary>
    [Required(ErrorMessage = WorkRootMessage)]
    public string WorkRoot { get; set; } = Path.Combine(Path.GetTempPath(), "dreamtuner-engine-work");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WorkRoot) && !IsWritableFolder(WorkRoot))
        {
            yield return new ValidationResult($"{WorkRootMessage} ({WorkRoot} is not writable)", [nameof(WorkRoot)]);
        }

        if (!Directory.Exists(ModelsRoot))
        {
            yield return new ValidationResult($"{ModelsRootMessage} ({ModelsRoot} does not exist)", [nameof(ModelsRoot)]);
        }

        if (!Uri.TryCreate(StudioHubUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(StudioHubUrlMessage, [nameof(StudioHubUrl)]);
        }
    }

    private static bool IsWritableFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
