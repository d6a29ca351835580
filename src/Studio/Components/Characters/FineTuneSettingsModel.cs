using System.Globalization;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.Components.Characters;

/// <summary>
/// The Train form's state: a preset, and advanced settings that start at the values the service would use anyway, so
/// leaving them alone posts only the preset (the service fills the rest from its own defaults).
/// </summary>
public sealed class FineTuneSettingsModel
{
    public FineTunePreset Preset { get; set; } = FineTunePreset.Standard;

    public string Mode { get; set; } = FineTuneParameters.LoraMode;

    /// <summary>Null = the preset's steps.</summary>
    public int? Steps { get; set; }

    /// <summary>Null = the engine's default for the mode.</summary>
    public double? LearningRate { get; set; }

    public int Rank { get; set; } = new FineTuneParameters().Rank;

    public int RegularImages { get; set; } = new FineTuneParameters().RegularImages;

    /// <summary>Null = a random seed.</summary>
    public long? Seed { get; set; }

    /// <summary>The steps this run will take: the override, else the preset's.</summary>
    public int EffectiveSteps => Steps ?? FineTuneService.StepsOf(Preset);

    public static string StepsText(FineTunePreset preset) => FineTuneService.StepsOf(preset).ToString(CultureInfo.InvariantCulture);

    public FineTuneRequest ToRequest()
    {
        var defaults = new FineTuneParameters();
        return new FineTuneRequest
        {
            Preset = Preset,
            Mode = Mode,
            Steps = Steps,
            LearningRate = LearningRate,
            Rank = Rank == defaults.Rank ? null : Rank,
            RegularImages = RegularImages == defaults.RegularImages ? null : RegularImages,
            Seed = Seed,
        };
    }
}
