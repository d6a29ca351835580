using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>Section "Sweeps": how often the studio looks for finished sweeps whose grid is still to be composed.</summary>
public sealed class SweepOptions
{
    public const string SectionName = "Sweeps";

    /// <summary>Default five seconds: the grid appears at most this long after the last cell ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Sweeps:GridPollInterval (env Sweeps__GridPollInterval) must be between 00:00:01 and 01:00:00.")]
    public TimeSpan GridPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
