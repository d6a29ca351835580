namespace DreamTuner.Data.Entities;

/// <summary>One shot of a storyboard.</summary>
public class Panel
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid StoryboardId { get; set; }

    public Storyboard? Storyboard { get; set; }

    /// <summary>Position in the storyboard, from 0.</summary>
    public int OrderIndex { get; set; }

    public string? ShotDescription { get; set; }

    public string? Dialogue { get; set; }

    /// <summary>The take currently chosen for this panel; its history is in Versions.</summary>
    public Guid? ChosenImageId { get; set; }

    public Image? ChosenImage { get; set; }

    /// <summary>A pose (skeleton) image used as the panel's control image.</summary>
    public string? PoseBlobHash { get; set; }

    public Blob? PoseBlob { get; set; }

    /// <summary>Render with the previous panel's chosen take as an extra reference, for continuity (off by default).</summary>
    public bool UsePreviousTakeAsReference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }

    /// <summary>Characters that appear in the shot (join table PanelCharacters).</summary>
    public List<Character> Characters { get; set; } = [];

    public List<PanelVersion> Versions { get; set; } = [];
}
