using DreamTuner.Data;
using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.Feed;

/// <summary>Adds an activity line to the same unit of work as the change it records, so the feed never lies.</summary>
public static class ActivityLog
{
    public static Activity Add(
        StudioDbContext db, Guid projectId, Guid? userId, ActivityKind kind, string summary, DateTimeOffset at,
        string? entityType = null, Guid? entityId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var line = new Activity
        {
            ProjectId = projectId, UserId = userId, Kind = kind, Summary = summary, At = at, EntityType = entityType, EntityId = entityId,
        };
        db.Activities.Add(line);
        return line;
    }
}
