namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>A storyboard in the project's list.</summary>
public sealed record StoryboardSummary(Guid Id, string Title, string? Description, int PanelCount, DateTimeOffset UpdatedAt);
