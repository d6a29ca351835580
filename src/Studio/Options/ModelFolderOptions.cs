using System.ComponentModel.DataAnnotations;

namespace DreamTuner.Studio.Options;

/// <summary>
/// Where the studio may look at the engine's models (section Engine, the same Engine:ModelsRoot the workers use), to
/// tell users which DreamTuner method a character will get. Optional: a studio on another machine than its engines
/// leaves it unset and says "the engine decides".
/// </summary>
public sealed class ModelFolderOptions : IValidatableObject
{
    public const string SectionName = "Engine";

    /// <summary>The engine's models folder as this machine sees it; null or empty when the studio cannot see it.</summary>
    public string? ModelsRoot { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ModelsRoot) && !Directory.Exists(ModelsRoot))
            yield return new ValidationResult(
                $"Engine:ModelsRoot (env Engine__ModelsRoot) is set to {ModelsRoot}, which does not exist on the studio's machine; fix it or leave it unset.",
                [nameof(ModelsRoot)]);
    }
}
