namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>A storyboard with its panels in order.</summary>
public sealed record StoryboardDetails(Guid Id, Guid ProjectId, string Title, string? Description, IReadOnlyList<PanelDetails> Panels, DateTimeOffset UpdatedAt);
