using DreamTuner.Data;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>Members of a project: list (any member), invite, change role, remove (Owner). A project always keeps one Owner.</summary>
public sealed class ProjectMemberService(IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, TimeProvider time)
{
    public async Task<IReadOnlyList<ProjectMemberInfo>> ListAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var members = await db.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == projectId)
            .Select(m => new ProjectMemberInfo(m.UserId, m.User!.UserName ?? "", m.User.Email, m.Role, m.JoinedAt))
            .ToListAsync(cancellationToken);
        return [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.UserName, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Adds an existing user, found by user name or e-mail, with the given role.</summary>
    public async Task<ProjectMemberInfo> InviteAsync(
        Guid projectId, Guid actorId, string userNameOrEmail, ProjectRole role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, actorId, ProjectPermission.ManageMembers, cancellationToken);
        var key = (userNameOrEmail ?? "").Trim().ToUpperInvariant(); // Identity's default lookup normalizer
        if (key.Length == 0)
            throw new ProjectRuleException("Enter a user name or e-mail address.");

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == key || u.NormalizedEmail == key)
            .Select(u => new { u.Id, u.UserName, u.Email })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ProjectRuleException($"No user has the user name or e-mail \"{userNameOrEmail!.Trim()}\".");
        if (await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == user.Id, cancellationToken))
            throw new ProjectRuleException($"{user.UserName} is already a member.");

        var now = time.GetUtcNow();
        db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role, JoinedAt = now });
        AddActivity(db, projectId, actorId, ActivityKind.MemberAdded, $"Added {user.UserName} as {role}", now);
        await db.SaveChangesAsync(cancellationToken);
        return new ProjectMemberInfo(user.Id, user.UserName ?? "", user.Email, role, now);
    }

    public async Task ChangeRoleAsync(Guid projectId, Guid actorId, Guid memberId, ProjectRole role, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, actorId, ProjectPermission.ManageMembers, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await LockMembersAsync(db, projectId, memberId, cancellationToken);
        if (member.Role == role)
            return;
        if (member.Role == ProjectRole.Owner)
            await EnsureAnotherOwnerAsync(db, projectId, memberId, cancellationToken);

        var now = time.GetUtcNow();
        var name = await UserNameAsync(db, memberId, cancellationToken);
        AddActivity(db, projectId, actorId, ActivityKind.MemberRoleChanged, $"Changed {name} from {member.Role} to {role}", now);
        member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveAsync(Guid projectId, Guid actorId, Guid memberId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, actorId, ProjectPermission.ManageMembers, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await LockMembersAsync(db, projectId, memberId, cancellationToken);
        if (member.Role == ProjectRole.Owner)
            await EnsureAnotherOwnerAsync(db, projectId, memberId, cancellationToken);

        var name = await UserNameAsync(db, memberId, cancellationToken);
        db.ProjectMembers.Remove(member);
        AddActivity(db, projectId, actorId, ActivityKind.MemberRemoved, $"Removed {name}", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Locks the project's member rows, so two owners demoting each other at once cannot leave it without an Owner.</summary>
    private static async Task<ProjectMember> LockMembersAsync(StudioDbContext db, Guid projectId, Guid memberId, CancellationToken cancellationToken)
    {
        var members = await db.ProjectMembers
            .FromSql($"""SELECT * FROM "ProjectMembers" WHERE "ProjectId" = {projectId} FOR UPDATE""")
            .ToListAsync(cancellationToken);
        return members.SingleOrDefault(m => m.UserId == memberId)
            ?? throw new ProjectRuleException("That user is not a member of this project.");
    }

    private static async Task EnsureAnotherOwnerAsync(StudioDbContext db, Guid projectId, Guid memberId, CancellationToken cancellationToken)
    {
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId != memberId && m.Role == ProjectRole.Owner, cancellationToken))
            throw new ProjectRuleException("A project needs at least one Owner: make someone else Owner first.");
    }

    private static async Task<string> UserNameAsync(StudioDbContext db, Guid userId, CancellationToken cancellationToken)
        => await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken) ?? "a member";

    private static void AddActivity(StudioDbContext db, Guid projectId, Guid actorId, ActivityKind kind, string summary, DateTimeOffset at)
        => db.Activities.Add(new Activity { ProjectId = projectId, UserId = actorId, Kind = kind, Summary = summary, At = at });
}
