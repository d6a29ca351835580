namespace DreamTuner.Studio.Services.Compare;

/// <summary>A character the compared takes used: its reference image is shown first, its mask when it has one.</summary>
public sealed record CompareReference(Guid CharacterId, string Name, bool HasMask);
