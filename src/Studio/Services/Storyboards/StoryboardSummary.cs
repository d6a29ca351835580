namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>A storyboard in the project's list; <see cref="Version"/> is its xmin, for renames.</summary>
public sealed record StoryboardSummary(Guid Id, string Title, string? Description, int PanelCount, DateTimeOffset UpdatedAt, uint Version = 0);
