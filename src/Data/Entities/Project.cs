namespace DreamTuner.Data.Entities;

public class Project
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Kept (as null) when the creator's account is deleted, so the project survives.</summary>
    public Guid? CreatedById { get; set; }

    public StudioUser? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gallery tiles whose identity score is below this get an "identity drift" badge; Owners set it.</summary>
    public double IdentityThreshold { get; set; } = DefaultIdentityThreshold;

    /// <summary>See the README's "Identity and prompt scores" for the measurements behind it.</summary>
    public const double DefaultIdentityThreshold = 0.5;

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }

    public List<ProjectMember> Members { get; set; } = [];

    public List<Character> Characters { get; set; } = [];

    public List<Generation> Generations { get; set; } = [];

    public List<Storyboard> Storyboards { get; set; } = [];

    public List<Activity> Activities { get; set; } = [];
}
