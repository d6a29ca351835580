namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>
/// One panel as the storyboard page edits it. <paramref name="Version"/> is the row's xmin when it was read: saving
/// with it fails if someone else saved the panel meanwhile.
/// </summary>
public sealed record PanelDetails(
    Guid Id,
    int OrderIndex,
    string? ShotDescription,
    string? Dialogue,
    IReadOnlyList<PanelCharacter> Characters,
    string? PoseBlobHash,
    PanelTake? ChosenTake,
    IReadOnlyList<PanelTake> OtherTakes,
    DateTimeOffset UpdatedAt,
    uint Version);
