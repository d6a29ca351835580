using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Options;

/// <summary>Limits on uploaded reference images and how often a user may upload (section Uploads).</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest accepted file, in bytes (default 20 MB).</summary>
    [Range(1, 512L * 1024 * 1024, ErrorMessage = "Uploads:MaxBytes (env Uploads__MaxBytes) must be between 1 and 536870912 bytes.")]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest accepted width or height, in pixels (default 4096).</summary>
    [Range(64, 32768, ErrorMessage = "Uploads:MaxSide (env Uploads__MaxSide) must be between 64 and 32768 pixels.")]
    public int MaxSide { get; set; } = 4096;

    /// <summary>Largest accepted width x height; guards against decompression bombs (default 4096 x 4096).</summary>
    [Range(4096, 1L << 30, ErrorMessage = "Uploads:MaxPixels (env Uploads__MaxPixels) must be between 4096 and 1073741824.")]
    public long MaxPixels { get; set; } = 4096L * 4096;

    /// <summary>Uploads a user may start per window (default 10).</summary>
    [Range(1, 10000, ErrorMessage = "Uploads:PermitLimit (env Uploads__PermitLimit) must be between 1 and 10000.")]
    public int PermitLimit { get; set; } = 10;

    /// <summary>Length of the rate-limit window (default one minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Uploads:Window (env Uploads__Window) must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
