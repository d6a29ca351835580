using DreamTuner.Studio.Services.Storyboards;

namespace DreamTuner.Studio.Components.Storyboards;

/// <summary>A panel's edited text and cast, with the version the edit was made on.</summary>
public sealed record PanelSave(Guid PanelId, PanelEdit Edit, uint Version);
