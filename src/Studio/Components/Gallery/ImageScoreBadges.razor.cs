using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace DreamTuner.Studio.Components.Gallery;

/// <summary>
/// A gallery tile's scores: identity and prompt ("—" when not computed) and an "identity drift" warning when the
/// identity score is below the project's threshold (decided by <see cref="Services.GalleryService"/>, which knows it).
/// </summary>
public partial class ImageScoreBadges
{
    /// <summary>The image's identity score, or null when it has none. Default null.</summary>
    [Parameter]
    public double? IdentityScore { get; set; }

    /// <summary>The image's prompt (CLIP-T) score, or null when it has none. Default null.</summary>
    [Parameter]
    public double? PromptScore { get; set; }

    /// <summary>True when the identity score is below the project's threshold. Default false.</summary>
    [Parameter]
    public bool Drift { get; set; }

    /// <summary>The project's identity-drift threshold, named in the warning's tooltip. Default <see cref="Data.Entities.Project.DefaultIdentityThreshold"/>.</summary>
    [Parameter]
    public double Threshold { get; set; } = Data.Entities.Project.DefaultIdentityThreshold;

    private string DriftTitle => string.Create(CultureInfo.InvariantCulture,
        $"The identity score {IdentityScore:0.00} is below the project's threshold {Threshold:0.00}: the character may not look like its reference.");

    private static string Format(double? score) => score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
