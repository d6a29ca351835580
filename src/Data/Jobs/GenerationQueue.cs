using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// Fair order over queued generations: round-robin by user. Each user's queue is served oldest first; among users,
/// the one served longest ago (never served first) goes next, so a user's tenth job waits behind everyone else's
/// first. Engines <see cref="ClaimNextAsync">claim</see> in this order; the studio shows <see cref="PositionsAsync">positions</see>.
/// </summary>
public sealed class GenerationQueue(IDbContextFactory<StudioDbContext> contexts)
{
    // Statuses are stored by name (IsStoredAsName).
    private const string Queued = nameof(JobStatus.Queued);

    /// <summary>
    /// Moves the next generation in fair order from Queued to Running, owned by <paramref name="claimKey"/> (the
    /// Hangfire job id), and returns its id; null when nothing is queued. Two engines may pick the same head at once:
    /// the conditional update lets exactly one win and the other tries the next head.
    /// </summary>
    public async Task<Guid?> ClaimNextAsync(string claimKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var next = await db.Database.SqlQuery<Guid>(
                $"""
                WITH heads AS (
                    SELECT DISTINCT ON (g."RequestedById") g."Id", g."RequestedById", g."CreatedAt"
                    FROM "Generations" g
                    WHERE g."Status" = {Queued}
                    ORDER BY g."RequestedById", g."CreatedAt", g."Id"
                ), served AS (
                    SELECT s."RequestedById", max(s."StartedAt") AS "LastServed"
                    FROM "Generations" s
                    WHERE s."StartedAt" IS NOT NULL
                      AND EXISTS (SELECT 1 FROM heads h WHERE h."RequestedById" IS NOT DISTINCT FROM s."RequestedById")
                    GROUP BY s."RequestedById"
                )
                SELECT h."Id" AS "Value"
                FROM heads h LEFT JOIN served v ON v."RequestedById" IS NOT DISTINCT FROM h."RequestedById"
                ORDER BY v."LastServed" NULLS FIRST, h."CreatedAt", h."Id"
                LIMIT 1
                """).ToListAsync(cancellationToken);
            if (next.Count == 0) return null;

            var id = next[0];
            int claimed = await db.Generations
                .Where(g => g.Id == id && g.Status == JobStatus.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(g => g.Status, JobStatus.Running)
                    .SetProperty(g => g.HangfireJobId, claimKey)
                    .SetProperty(g => g.StartedAt, now)
                    .SetProperty(g => g.QueuePosition, (int?)null)
                    .SetProperty(g => g.ProgressStep, 0)
                    .SetProperty(g => g.Error, (string?)null), cancellationToken);
            if (claimed == 1) return id;
        }
        return null;
    }

    /// <summary>The generation <paramref name="claimKey"/> already claimed (a re-run after a crash or retry), or null.</summary>
    public async Task<(Guid Id, JobStatus Status)?> FindClaimAsync(string claimKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Generations
            .Where(g => g.HangfireJobId == claimKey && g.Status != JobStatus.Queued)
            .OrderByDescending(g => g.StartedAt)
            .Select(g => new { g.Id, g.Status })
            .Take(1)
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : (rows[0].Id, rows[0].Status);
    }

    /// <summary>Position (1 = next) of every queued generation, simulating the round-robin the engines follow.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> PositionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var queued = await db.Generations.AsNoTracking()
            .Where(g => g.Status == JobStatus.Queued)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new { g.Id, g.RequestedById, g.CreatedAt })
            .ToListAsync(cancellationToken);
        if (queued.Count == 0) return new Dictionary<Guid, int>();

        var users = queued.Select(q => q.RequestedById).Distinct().ToList();
        var lastServed = await db.Generations.AsNoTracking()
            .Where(g => g.StartedAt != null && users.Contains(g.RequestedById))
            .GroupBy(g => g.RequestedById)
            .Select(x => new { User = x.Key, Last = x.Max(g => g.StartedAt) })
            .ToListAsync(cancellationToken);
        var served = lastServed.ToDictionary(x => x.User ?? Guid.Empty, x => x.Last);

        // Users in the order the claim query serves them; each round takes one generation per user.
        var lanes = queued.GroupBy(q => q.RequestedById)
            .Select(x => (Last: served.GetValueOrDefault(x.Key ?? Guid.Empty), Items: x.Select(q => q.Id).ToList(), Head: x.First().CreatedAt))
            .OrderBy(l => l.Last.HasValue).ThenBy(l => l.Last).ThenBy(l => l.Head)
            .ToList();
        var positions = new Dictionary<Guid, int>(queued.Count);
        for (int round = 0, position = 1; positions.Count < queued.Count; round++)
        {
            foreach (var lane in lanes.Where(l => round < l.Items.Count))
                positions[lane.Items[round]] = position++;
        }
        return positions;
    }

    /// <summary>Position of one generation (1 = next), or null when it is not queued.</summary>
    public async Task<int?> PositionOfAsync(Guid generationId, CancellationToken cancellationToken = default) =>
        (await PositionsAsync(cancellationToken)).TryGetValue(generationId, out var p) ? p : null;

    /// <summary>
    /// Stores every queued generation's position in <see cref="Generation.QueuePosition"/>, for lists that read rows.
    /// Set-based, so it never races a tracked save; positions are a best-effort estimate.
    /// </summary>
    public async Task RefreshPositionsAsync(CancellationToken cancellationToken = default)
    {
        var positions = await PositionsAsync(cancellationToken);
        if (positions.Count == 0) return;
        var ids = positions.Keys.ToArray();
        var values = ids.Select(id => positions[id]).ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            UPDATE "Generations" g SET "QueuePosition" = v.pos
            FROM unnest({ids}, {values}) AS v(id, pos)
            WHERE g."Id" = v.id AND g."Status" = {Queued} AND g."QueuePosition" IS DISTINCT FROM v.pos
            """, cancellationToken);
    }
}
