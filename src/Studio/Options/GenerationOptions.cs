using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Options;

/// <summary>Limits on generation requests and how often a user may submit one (section Generation).</summary>
public sealed class GenerationOptions
{
    public const string SectionName = "Generation";

    /// <summary>Generations a user may submit per window (default 20).</summary>
    [Range(1, 10000, ErrorMessage = "Generation:PermitLimit (env Generation__PermitLimit) must be between 1 and 10000.")]
    public int PermitLimit { get; set; } = 20;

    /// <summary>Length of the rate-limit window (default one minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Generation:Window (env Generation__Window) must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest width or height a user may ask for, in pixels (default 1024).</summary>
    [Range(64, 4096, ErrorMessage = "Generation:MaxSide (env Generation__MaxSide) must be between 64 and 4096 pixels.")]
    public int MaxSide { get; set; } = 1024;

    /// <summary>Most denoising steps a user may ask for (default 150).</summary>
    [Range(1, 1000, ErrorMessage = "Generation:MaxSteps (env Generation__MaxSteps) must be between 1 and 1000.")]
    public int MaxSteps { get; set; } = 150;
}
