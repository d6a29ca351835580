namespace DreamTuner.Studio.Services.Compare;

/// <summary>One setting of a take as people read it ("Seed" = "7"); a setting the take did not use has a null value.</summary>
public sealed record TakeSetting(string Name, string? Value);
