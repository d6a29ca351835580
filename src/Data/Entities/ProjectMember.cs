namespace DreamTuner.Data.Entities;

public class ProjectMember
{
    public Guid ProjectId { get; set; }

    public Project? Project { get; set; }

    public Guid UserId { get; set; }

    public StudioUser? User { get; set; }

    public ProjectRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }
}
