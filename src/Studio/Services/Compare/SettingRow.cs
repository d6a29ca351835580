namespace DreamTuner.Studio.Services.Compare;

/// <summary>One setting across the compared takes: its value in each (same order as the takes) and whether they differ.</summary>
public sealed record SettingRow(string Name, IReadOnlyList<string?> Values, bool Differs);
