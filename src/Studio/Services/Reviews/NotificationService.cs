using DreamTuner.Data;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Reviews;

/// <summary>
/// The user's own notifications (being @mentioned), from projects they are still a member of. They are stored as
/// <see cref="ActivityKind.UserMentioned"/> activity rows whose UserId is the recipient, because there is no
/// notification table yet (no migration this round); a read/unread flag needs one.
/// </summary>
public sealed class NotificationService(IDbContextFactory<StudioDbContext> dbs)
{
    public async Task<IReadOnlyList<NotificationInfo>> ListAsync(Guid userId, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Activities.AsNoTracking()
            .Where(a => a.Kind == ActivityKind.UserMentioned && a.UserId == userId
                        && db.ProjectMembers.Any(m => m.ProjectId == a.ProjectId && m.UserId == userId))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(take, 1, 200))
            .Select(a => new NotificationInfo(a.Id, a.ProjectId, a.Project!.Name,
                db.Comments.Where(c => c.Id == a.EntityId).Select(c => (Guid?)c.ImageId).FirstOrDefault(), a.Summary, a.At))
            .ToListAsync(cancellationToken);
    }
}
