namespace DreamTuner.Data.Entities;

public class FineTune
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CharacterId { get; set; }

    public Character? Character { get; set; }

    public JobStatus Status { get; set; }

    public FineTuneMode Mode { get; set; }

    /// <summary>Training parameters as a JSON object (jsonb); the engine owns their schema so it can add knobs without a migration.</summary>
    public string ParametersJson { get; set; } = "{}";

    public int ProgressStep { get; set; }

    public int ProgressTotal { get; set; }

    /// <summary>JSON array of {"step":n,"loss":x} (jsonb), appended by the engine as training runs.</summary>
    public string LossHistoryJson { get; set; } = "[]";

    /// <summary>The character package the run produced; null until it succeeds.</summary>
    public string? ArtifactHash { get; set; }

    public Blob? Artifact { get; set; }

    /// <summary>Why the run failed, written for the user who reads it.</summary>
    public string? Error { get; set; }

    public Guid? RequestedById { get; set; }

    public StudioUser? RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? HangfireJobId { get; set; }

    /// <summary>Concurrency token: PostgreSQL's xmin (see ConcurrencyToken).</summary>
    public uint Version { get; set; }
}
