namespace DreamTuner.Data.Entities;

/// <summary>
/// Generations queued together (a panel render, a character's re-render, a parameter sweep): watched, counted and
/// cancelled as one. Its generations carry its id in <see cref="Generation.GroupId"/>; plain batches use a group id
/// without a row here, so that column has no foreign key.
/// </summary>
public class JobGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Project? Project { get; set; }

    public JobGroupKind Kind { get; set; }

    /// <summary>What people see in lists ("Re-render panels of Rex", "Sweep β × w_ref").</summary>
    public string Title { get; set; } = "";

    public Guid? RequestedById { get; set; }

    public StudioUser? RequestedBy { get; set; }

    /// <summary>The storyboard of a panel render or re-render; null for sweeps.</summary>
    public Guid? StoryboardId { get; set; }

    public Storyboard? Storyboard { get; set; }

    /// <summary>The character of a re-render.</summary>
    public Guid? CharacterId { get; set; }

    public Character? Character { get; set; }

    /// <summary>A sweep's two axes as JSON (knob names and values, in grid order); null for other kinds.</summary>
    public string? SweepJson { get; set; }

    /// <summary>A sweep's labelled grid, stored as a gallery image of its own once every cell ended.</summary>
    public Guid? GridImageId { get; set; }

    public Image? GridImage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }
}
