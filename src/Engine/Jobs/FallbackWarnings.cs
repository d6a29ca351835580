using DreamTuner.Data.Jobs;
using System.Globalization;
using DreamTuner.Engine.DreamTuner;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// The warnings a DreamTuner generation stores for the people who asked for it, where the engine fell back on less
/// than the method describes: no coarse-identity module in the model folder, or a reference too small to carry detail.
/// (A reference without any mask is reported by <see cref="DreamTunerPipeline"/> itself.)
/// </summary>
public static class FallbackWarnings
{
    /// <summary>Below half the output's shorter side, the reference is upscaled into the canvas and its detail is soft.</summary>
    public const double SmallReferenceFraction = 0.5;

    public static IReadOnlyList<string> For(
        string modelId, CoarseIdentityKind coarse, IReadOnlyList<(string Name, int Width, int Height)> references, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(references);
        var warnings = new List<string>();
        if (coarse == CoarseIdentityKind.None)
            warnings.Add($"No subject-encoder or IP-Adapter is installed in model \"{modelId}\" ({ModelFolderLayout.SubjectEncoderFile} with "
                + $"{ModelFolderLayout.ImageEncoderFolder}/): self-subject-attention alone carried the identity, so the coarse look may drift.");
        var side = Math.Min(width, height) * SmallReferenceFraction;
        foreach (var r in references.Where(r => Math.Min(r.Width, r.Height) < side))
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The reference of {r.Name} is {r.Width}x{r.Height} px, less than half of the {width}x{height} output: fine detail cannot come from it; upload a larger image."));
        return warnings;
    }
}
