using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Services.Export;

/// <summary>Section "Export": the font the storyboard PDF is set in.</summary>
public sealed class ExportOptions : IValidatableObject
{
    public const string SectionName = "Export";

    /// <summary>
    /// A TrueType font file for the PDF sheet. Unset: DejaVu Sans or Liberation Sans from /usr/share/fonts (Debian's
    /// fonts-dejavu-core / fonts-liberation), found when the first PDF is made.
    /// </summary>
    public string? FontPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FontPath is { Length: > 0 } path && !File.Exists(path))
            yield return new ValidationResult($"Export:FontPath names {path}, which does not exist; give a .ttf file or unset it.", [nameof(FontPath)]);
    }
}
