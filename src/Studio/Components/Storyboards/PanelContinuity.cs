namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>A panel's "use the previous panel's chosen take as an extra reference" setting, as the card changes it.</summary>
public sealed record PanelContinuity(Guid PanelId, bool UsePreviousTake);
