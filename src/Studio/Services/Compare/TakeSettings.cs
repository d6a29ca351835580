using System.Globalization;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;

namespace DreamTuner.Studio.Services.Compare;

/// <summary>
/// A generation's settings as the compare view lists them. DreamTuner knobs are listed only for generations with
/// characters and ControlNet ones only with a control image, since elsewhere the stored values never acted.
/// </summary>
public static class TakeSettings
{
    public static IReadOnlyList<TakeSetting> Of(Generation g, long imageSeed, IReadOnlyDictionary<Guid, string> characterNames, string? requestedBy)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(characterNames);
        var dreamTuner = g.CharacterIds.Count > 0;
        var control = g.ControlImageHash is not null;
        return
        [
            new("Prompt", g.Prompt),
            new("Negative prompt", string.IsNullOrWhiteSpace(g.NegativePrompt) ? "—" : g.NegativePrompt),
            new("Seed", imageSeed.ToString(CultureInfo.InvariantCulture)),
            new("Scheduler", SchedulerNames.NameOf(g.Scheduler)),
            new("Steps", g.Steps.ToString(CultureInfo.InvariantCulture)),
            new("Guidance", Number(g.GuidanceScale)),
            new("Size", $"{g.Width}x{g.Height}"),
            new("Model", g.ModelId),
            new("Characters", dreamTuner
                ? string.Join(", ", g.CharacterIds.Select(id => characterNames.TryGetValue(id, out var n) ? n : "(deleted character)"))
                : "—"),
            new("Init image", g.InitImageHash is null ? "—" : $"yes, strength {Number(g.InitStrength ?? 0.75)}"),
            new("ControlNet", control ? (g.ControlType ?? ControlType.Pose).ToString().ToLowerInvariant() : "—"),
            new("Control scale", control ? Number(g.ControlScale) : null),
            new("Control start–end", control ? $"{Number(g.ControlStart)}–{Number(g.ControlEnd)}" : null),
            new("β (subject-encoder)", dreamTuner ? Number(g.SubjectEncoderBeta) : null),
            new("ω_ref (reference attention)", dreamTuner ? Number(g.ReferenceAttentionWeight) : null),
            new("ω_r (reference guidance)", dreamTuner ? Number(g.ReferenceGuidance) : null),
            new("p_r", dreamTuner ? Number(g.ReferenceProbability) : null),
            new("Δt", dreamTuner ? Number(g.ReferenceDeltaT) : null),
            new("Δt'", dreamTuner ? Number(g.ReferenceDeltaTPrime) : null),
            new("Mask", dreamTuner ? (g.UseMask ? "on" : "off") : null),
            new("Reference prompt", dreamTuner ? g.ReferencePrompt ?? "(the prompt)" : null),
            new("By", requestedBy ?? "—"),
        ];
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
