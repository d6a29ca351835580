namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>A storyboard with its panels in order; <see cref="Version"/> is its xmin, for renames.</summary>
public sealed record StoryboardDetails(Guid Id, Guid ProjectId, string Title, string? Description, IReadOnlyList<PanelDetails> Panels, DateTimeOffset UpdatedAt,
    uint Version = 0);
