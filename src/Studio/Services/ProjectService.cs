using DreamTuner.Data;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>Creates, lists, shows and deletes projects; the creator becomes the first Owner.</summary>
public sealed class ProjectService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, TimeProvider time)
{
    public const int MaxNameLength = 200;

    public async Task<ProjectSummary> CreateAsync(Guid userId, string name, string? description, CancellationToken cancellationToken = default)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0)
            throw new ProjectRuleException("Give the project a name.");
        if (name.Length > MaxNameLength)
            throw new ProjectRuleException($"The name is longer than {MaxNameLength} characters.");

        var now = time.GetUtcNow();
        var project = new Project
        {
            Name = name,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            CreatedById = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        db.Projects.Add(project);
        db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = userId, Role = ProjectRole.Owner, JoinedAt = now });
        db.Activities.Add(new Activity
        {
            ProjectId = project.Id, UserId = userId, Kind = ActivityKind.ProjectCreated, Summary = $"Created project {name}", At = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new ProjectSummary(project.Id, project.Name, project.Description, ProjectRole.Owner, 1, 0, now);
    }

    /// <summary>The projects the user is a member of, most recently updated first.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ListForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderByDescending(m => m.Project!.UpdatedAt)
            .Select(m => new ProjectSummary(
                m.ProjectId, m.Project!.Name, m.Project.Description, m.Role,
                m.Project.Members.Count, m.Project.Characters.Count, m.Project.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The project as the user sees it; <see cref="ProjectNotFoundException"/> for a non-member.</summary>
    public async Task<ProjectSummary> GetAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => new ProjectSummary(
                m.ProjectId, m.Project!.Name, m.Project.Description, m.Role,
                m.Project.Members.Count, m.Project.Characters.Count, m.Project.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();
    }

    /// <summary>Deletes the project and everything in it (Owner only). Blobs stay; they are collected separately.</summary>
    public async Task DeleteAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.DeleteProject, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.Projects.Where(p => p.Id == projectId).ExecuteDeleteAsync(cancellationToken);
    }
}
