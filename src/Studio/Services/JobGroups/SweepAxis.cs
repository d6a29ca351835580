namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>One axis of a sweep: a knob and the values it takes, in the grid's order.</summary>
public sealed record SweepAxis(SweepKnob Knob, IReadOnlyList<double> Values);
