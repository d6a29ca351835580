namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>A character that appears in a panel.</summary>
public sealed record PanelCharacter(Guid Id, string Name);
