namespace DreamTuner.Data.Entities;

/// <summary>A named skeleton in a project's pose library (OpenPose's 18 keypoints, see Poses/BodyPose).</summary>
public class SavedPose
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Project? Project { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Upper-cased <see cref="Name"/>: the unique index on it makes names unique per project regardless of case.</summary>
    public string NormalizedName { get; set; } = "";

    /// <summary>The keypoints as JSON (<c>BodyPose.ToJson</c>): 18 entries, each [x, y] in 0..1000 or null.</summary>
    public string KeypointsJson { get; set; } = "";

    /// <summary>Kept (as null) when the author's account is deleted.</summary>
    public Guid? CreatedById { get; set; }

    public StudioUser? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }
}
