namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>Move a panel to a new place (0-based).</summary>
public sealed record PanelMove(Guid PanelId, int NewIndex);
