namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>The text and cast of a panel as the user saves them.</summary>
public sealed record PanelEdit(string? ShotDescription, string? Dialogue, IReadOnlyList<Guid> CharacterIds);
