using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Poses;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DreamTuner.Studio.Services.Poses;

/// <summary>
/// A project's pose library: every member sees the poses and their control images, Editors and Owners save and
/// delete. Names are unique per project regardless of case; the database's unique index decides a race.
/// </summary>
public sealed class PoseService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, TimeProvider time)
{
    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<SavedPoseInfo>> ListAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rows = await db.SavedPoses.AsNoTracking()
            .Where(p => p.ProjectId == projectId)
            .OrderBy(p => p.NormalizedName)
            .Select(p => new { p.Id, p.Name, p.KeypointsJson, CreatedBy = p.CreatedBy == null ? null : p.CreatedBy.UserName, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SavedPoseInfo(r.Id, r.Name, BodyPose.FromJson(r.KeypointsJson), r.CreatedBy, r.UpdatedAt))];
    }

    /// <summary>One pose of the project; <see cref="ProjectNotFoundException"/> when it is not there (or the user is no member).</summary>
    public async Task<SavedPoseInfo> GetAsync(Guid projectId, Guid poseId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var row = await db.SavedPoses.AsNoTracking()
            .Where(p => p.Id == poseId && p.ProjectId == projectId)
            .Select(p => new { p.Id, p.Name, p.KeypointsJson, CreatedBy = p.CreatedBy == null ? null : p.CreatedBy.UserName, p.UpdatedAt })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        return new SavedPoseInfo(row.Id, row.Name, BodyPose.FromJson(row.KeypointsJson), row.CreatedBy, row.UpdatedAt);
    }

    /// <summary>
    /// Saves <paramref name="pose"/> under <paramref name="name"/>: a new pose when <paramref name="poseId"/> is null,
    /// otherwise that pose renamed and reshaped. A name another pose of the project has is refused.
    /// </summary>
    public async Task<SavedPoseInfo> SaveAsync(
        Guid projectId, Guid userId, string name, BodyPose pose, Guid? poseId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pose);
        await access.RequireAsync(projectId, userId, ProjectPermission.EditPoses, cancellationToken);
        var clean = (name ?? "").Trim();
        if (clean.Length is 0 or > MaxNameLength)
            throw new ProjectRuleException($"A pose needs a name of 1 to {MaxNameLength} characters.");
        var normalized = clean.ToUpperInvariant();

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (await db.SavedPoses.AnyAsync(p => p.ProjectId == projectId && p.NormalizedName == normalized && p.Id != poseId, cancellationToken))
            throw DuplicateName(clean);
        var now = time.GetUtcNow();
        SavedPose row;
        if (poseId is { } id)
        {
            row = await db.SavedPoses.SingleOrDefaultAsync(p => p.Id == id && p.ProjectId == projectId, cancellationToken)
                ?? throw new ProjectNotFoundException();
        }
        else
        {
            row = new SavedPose { ProjectId = projectId, CreatedById = userId, CreatedAt = now };
            db.SavedPoses.Add(row);
        }
        row.Name = clean;
        row.NormalizedName = normalized;
        row.KeypointsJson = pose.ToJson();
        row.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw DuplicateName(clean);
        }
        return await GetAsync(projectId, row.Id, userId, cancellationToken);
    }

    public async Task DeleteAsync(Guid projectId, Guid poseId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditPoses, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var deleted = await db.SavedPoses.Where(p => p.Id == poseId && p.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
            throw new ProjectNotFoundException();
    }

    /// <summary>The saved pose's control image (PNG) at <paramref name="width"/> x <paramref name="height"/>, for members.</summary>
    public async Task<byte[]> RenderAsync(Guid projectId, Guid poseId, Guid userId, int width, int height, CancellationToken cancellationToken = default)
    {
        CheckSize(width, height);
        var pose = await GetAsync(projectId, poseId, userId, cancellationToken);
        return PoseControlImage.Png(pose.Pose, width, height);
    }

    public static void CheckSize(int width, int height)
    {
        if (width is < OpenPoseRenderer.MinSide or > OpenPoseRenderer.MaxSide || height is < OpenPoseRenderer.MinSide or > OpenPoseRenderer.MaxSide)
            throw new ProjectRuleException($"A control image is {OpenPoseRenderer.MinSide} to {OpenPoseRenderer.MaxSide} pixels on each side.");
    }

    private static ProjectRuleException DuplicateName(string name) =>
        new($"This project already has a pose called \"{name}\": choose another name.");
}
