using System.Globalization;
using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>How each <see cref="SweepKnob"/> is named on screen and in the grid, set on a request and read from a row.</summary>
public static class SweepKnobs
{
    public static IReadOnlyList<SweepKnob> All { get; } = Enum.GetValues<SweepKnob>();

    /// <summary>The name the Advanced (DreamTuner) panel uses, so the grid's axes read like the form.</summary>
    public static string Label(SweepKnob knob) => knob switch
    {
        SweepKnob.Beta => "β",
        SweepKnob.WRef => "w_ref",
        SweepKnob.OmegaR => "ω_r",
        SweepKnob.OmegaC => "ω_c",
        SweepKnob.PR => "p_r",
        SweepKnob.DeltaT => "Δt",
        SweepKnob.DeltaTPrime => "Δt'",
        SweepKnob.ControlScale => "control scale",
        _ => throw new ArgumentOutOfRangeException(nameof(knob), knob, "Sweep knob does not exist."),
    };

    /// <summary>"β = 0.2": how a value is labelled in the grid and lists.</summary>
    public static string Label(SweepKnob knob, double value) => $"{Label(knob)} = {Format(value)}";

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static GenerationRequest With(GenerationRequest request, SweepKnob knob, double value)
    {
        ArgumentNullException.ThrowIfNull(request);
        return knob switch
        {
            SweepKnob.Beta => request with { SubjectEncoderBeta = value },
            SweepKnob.WRef => request with { ReferenceAttentionWeight = value },
            SweepKnob.OmegaR => request with { ReferenceGuidance = value },
            SweepKnob.OmegaC => request with { GuidanceScale = value },
            SweepKnob.PR => request with { ReferenceProbability = value },
            SweepKnob.DeltaT => request with { ReferenceDeltaT = value },
            SweepKnob.DeltaTPrime => request with { ReferenceDeltaTPrime = value },
            SweepKnob.ControlScale => request with { ControlScale = value },
            _ => throw new ArgumentOutOfRangeException(nameof(knob), knob, "Sweep knob does not exist."),
        };
    }

    public static double Read(Generation generation, SweepKnob knob)
    {
        ArgumentNullException.ThrowIfNull(generation);
        return knob switch
        {
            SweepKnob.Beta => generation.SubjectEncoderBeta,
            SweepKnob.WRef => generation.ReferenceAttentionWeight,
            SweepKnob.OmegaR => generation.ReferenceGuidance,
            SweepKnob.OmegaC => generation.GuidanceScale,
            SweepKnob.PR => generation.ReferenceProbability,
            SweepKnob.DeltaT => generation.ReferenceDeltaT,
            SweepKnob.DeltaTPrime => generation.ReferenceDeltaTPrime,
            SweepKnob.ControlScale => generation.ControlScale,
            _ => throw new ArgumentOutOfRangeException(nameof(knob), knob, "Sweep knob does not exist."),
        };
    }
}
