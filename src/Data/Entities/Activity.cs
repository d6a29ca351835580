namespace DreamTuner.Data.Entities;

/// <summary>One line of a project's audit trail. Append-only, so it carries no concurrency token.</summary>
public class Activity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProjectId { get; set; }

    public Project? Project { get; set; }

    public Guid? UserId { get; set; }

    public StudioUser? User { get; set; }

    public ActivityKind Kind { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>The entity type the line is about ("Character", "Image", ...), for links; null for project-wide lines.</summary>
    public string? EntityType { get; set; }

    public Guid? EntityId { get; set; }

    public DateTimeOffset At { get; set; }
}
