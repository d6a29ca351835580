namespace DreamTuner.Studio.Services.Export;

/// <summary>One panel as the export writes it (Number from 1).</summary>
public sealed record ExportPanel(int Number, Guid PanelId, string? ShotDescription, string? Dialogue, IReadOnlyList<string> Characters, ExportTake? Take);
