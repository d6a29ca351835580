using DreamTuner.Data.Blobs;
using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Data.Options;

/// <summary>Where the content-addressed blob files live (shared by studio and engine).</summary>
public sealed class BlobStoreOptions : IValidatableObject
{
    public const string SectionName = "Blobs";

    public const string RootMessage = "Blobs:Root (env Blobs__Root) must be set to a writable folder";

    [Required(ErrorMessage = RootMessage)]
    public string Root { get; set; } = "";

    /// <summary>Largest blob accepted, in bytes; null for no limit.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Blobs:MaxBytes (env Blobs__MaxBytes) must be a positive number of bytes, or unset for no limit")]
    public long? MaxBytes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // "Writable" is only known by trying: a folder can exist and still refuse us, and a missing one
        // is fine if we may create it.
        string? problem = null;
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, FileBlobStore.TempFilePrefix + "probe-" + Guid.NewGuid().ToString("N"));
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"{RootMessage} ({Root}: {problem})", [nameof(Root)]);
        }
    }
}
