using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services.Feed;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// Job groups (panel renders, character re-renders, sweeps): queues one group's generations, reports its progress
/// and cancels all of it. Callers check what the group is for; this class checks roles for reading and cancelling.
/// </summary>
public sealed class JobGroupService(
    IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, JobDispatcher dispatcher, GenerationRateLimiter rateLimiter, TimeProvider time)
{
    /// <summary>
    /// Writes the group row and queues its generations, one rate-limit permit per generation (as if each were submitted
    /// alone). The caller has checked the role and validated every request.
    /// </summary>
    /// <exception cref="GenerationRateLimitedException">The user's permits do not cover the whole group; nothing is queued.</exception>
    internal async Task<JobGroupInfo> QueueAsync(JobGroup group, IReadOnlyList<NewGeneration> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
            throw new ProjectRuleException("There is nothing to render.");
        rateLimiter.Acquire(group.RequestedById ?? Guid.Empty, requests.Count);
        group.CreatedAt = time.GetUtcNow();
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            db.JobGroups.Add(group);
            if (group.RequestedById is { } user)
                ActivityLog.Add(db, group.ProjectId, user, ActivityKind.GenerationQueued,
                    $"Queued {group.Title} ({requests.Count} generation{(requests.Count == 1 ? "" : "s")})", group.CreatedAt, nameof(JobGroup), group.Id);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await dispatcher.EnqueueGroupAsync(requests, group.Id, cancellationToken);
        }
        catch
        {
            // The dispatcher took its rows back; a group without generations would only confuse the lists.
            await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
            await db.JobGroups.Where(g => g.Id == group.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        return await ReadAsync(group.Id, cancellationToken) ?? throw new ProjectNotFoundException();
    }

    /// <summary>One group with its progress, for any member of its project.</summary>
    public async Task<JobGroupInfo> GetAsync(Guid projectId, Guid groupId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        var info = await ReadAsync(groupId, cancellationToken);
        return info is not null && info.ProjectId == projectId ? info : throw new ProjectNotFoundException();
    }

    /// <summary>The project's newest groups, optionally only those of one storyboard, character or kind.</summary>
    public async Task<IReadOnlyList<JobGroupInfo>> ListAsync(
        Guid projectId, Guid userId, JobGroupKind? kind = null, Guid? storyboardId = null, Guid? characterId = null, int take = 10,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var groups = db.JobGroups.AsNoTracking().Where(g => g.ProjectId == projectId);
        if (kind is { } k) groups = groups.Where(g => g.Kind == k);
        if (storyboardId is { } s) groups = groups.Where(g => g.StoryboardId == s);
        if (characterId is { } c) groups = groups.Where(g => g.CharacterId == c);
        return await Project(db, groups.OrderByDescending(g => g.CreatedAt).Take(Math.Clamp(take, 1, 100))).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Cancels every queued or running generation of the group (its requester or an Owner may); returns how many.
    /// </summary>
    public async Task<int> CancelAllAsync(Guid projectId, Guid groupId, Guid userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var group = await db.JobGroups.AsNoTracking().Where(g => g.Id == groupId && g.ProjectId == projectId)
                .Select(g => new { g.RequestedById }).SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
            if (group.RequestedById != userId && role != ProjectRole.Owner)
                throw new ProjectRuleException("Only the person who queued these generations, or an Owner, can cancel them.");
        }
        return await dispatcher.CancelGroupAsync(groupId, cancellationToken);
    }

    private async Task<JobGroupInfo?> ReadAsync(Guid groupId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.JobGroups.AsNoTracking().Where(g => g.Id == groupId)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<JobGroupInfo> Project(StudioDbContext db, IQueryable<JobGroup> groups) => groups.Select(g => new JobGroupInfo(
        g.Id, g.ProjectId, g.Kind, g.Title, g.RequestedById, g.StoryboardId, g.CharacterId, g.CreatedAt,
        db.Generations.Count(x => x.GroupId == g.Id),
        db.Generations.Count(x => x.GroupId == g.Id && x.Status == JobStatus.Succeeded),
        db.Generations.Count(x => x.GroupId == g.Id && x.Status == JobStatus.Failed),
        db.Generations.Count(x => x.GroupId == g.Id && x.Status == JobStatus.Cancelled),
        db.Generations.Count(x => x.GroupId == g.Id && x.Status == JobStatus.Running),
        g.GridImageId));
}
