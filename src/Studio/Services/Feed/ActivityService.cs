using DreamTuner.Data;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Feed;

/// <summary>A project's activity feed (uploads, trainings, generations, verdicts, comments, storyboard edits), newest first, for members.</summary>
public sealed class ActivityService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access)
{
    public async Task<IReadOnlyList<ActivityEntry>> ListAsync(Guid projectId, Guid userId, int take = 50, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        // Mentions are personal notifications stored in the same table (no notification table yet): not feed lines.
        return await db.Activities.AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.Kind != ActivityKind.UserMentioned)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(take, 1, 500))
            .Select(a => new ActivityEntry(a.Id, a.Kind, a.User!.UserName, a.Summary, a.EntityType, a.EntityId, a.At))
            .ToListAsync(cancellationToken);
    }
}
