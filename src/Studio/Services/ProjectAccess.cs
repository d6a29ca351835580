using DreamTuner.Data;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>
/// The server-side check every page, endpoint and service runs before touching a project. A non-member gets
/// <see cref="ProjectNotFoundException"/> (as if the project did not exist); a member without the right gets
/// <see cref="ProjectForbiddenException"/>.
/// </summary>
public sealed class ProjectAccess(IDbContextFactory<StudioDbContext> dbs)
{
    /// <summary>The user's role, after checking that it allows <paramref name="permission"/>.</summary>
    public async Task<Data.Entities.ProjectRole> RequireAsync(
        Guid projectId, Guid userId, ProjectPermission permission, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var member = await db.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => new { m.Role })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();
        return ProjectPermissions.Allows(member.Role, permission)
            ? member.Role
            : throw new ProjectForbiddenException(member.Role, permission);
    }
}
