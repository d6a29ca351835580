namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>Make an image the panel's chosen take.</summary>
public sealed record PanelTakeChoice(Guid PanelId, Guid ImageId);
