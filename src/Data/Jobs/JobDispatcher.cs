using DreamTuner.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// The studio's way to start and stop generations: it writes our rows (the state users see) and enqueues the
/// Hangfire tickets engines run. Who may do what is checked by the caller (project membership).
/// </summary>
public sealed class JobDispatcher(
    IDbContextFactory<StudioDbContext> contexts, IBackgroundJobClient jobs, GenerationQueue queue, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Creates the Generation row (Queued) and enqueues its ticket; the row carries the Hangfire job id.</summary>
    public async Task<Generation> EnqueueAsync(NewGeneration request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await EnqueueManyAsync([request], groupId: null, cancellationToken);
        return rows[0];
    }

    /// <summary>
    /// A batch or parameter sweep: one row per request, all sharing a new <see cref="Generation.GroupId"/> so they are
    /// watched and cancelled together.
    /// </summary>
    public Task<IReadOnlyList<Generation>> EnqueueGroupAsync(IReadOnlyList<NewGeneration> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) throw new ArgumentException("A group needs at least one generation.", nameof(requests));
        return EnqueueManyAsync(requests, Guid.CreateVersion7(), cancellationToken);
    }

    /// <summary>A group whose <see cref="JobGroup"/> row the caller already wrote: the rows carry that row's id.</summary>
    public Task<IReadOnlyList<Generation>> EnqueueGroupAsync(IReadOnlyList<NewGeneration> requests, Guid groupId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) throw new ArgumentException("A group needs at least one generation.", nameof(requests));
        return EnqueueManyAsync(requests, groupId, cancellationToken);
    }

    private async Task<IReadOnlyList<Generation>> EnqueueManyAsync(IReadOnlyList<NewGeneration> requests, Guid? groupId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var rows = requests.Select((r, i) => r.ToEntity(now.AddTicks(i), groupId)).ToList();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Generations.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var row in rows)
        {
            string jobId;
            try
            {
                jobId = jobs.Enqueue<IGenerationJobs>(j => j.RunAsync(row.Id, null, CancellationToken.None));
            }
            catch
            {
                // Without a ticket the row would wait for someone else's; take the unqueued rows back instead.
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                var unqueued = rows.Where(r => r.HangfireJobId is null).Select(r => r.Id).ToList();
                await db.Generations.Where(g => unqueued.Contains(g.Id) && g.Status == JobStatus.Queued).ExecuteDeleteAsync(CancellationToken.None);
                throw;
            }

            row.HangfireJobId = jobId;
            await using var update = await contexts.CreateDbContextAsync(cancellationToken);
            await update.Generations.Where(g => g.Id == row.Id && g.HangfireJobId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.HangfireJobId, jobId), cancellationToken);
        }

        await queue.RefreshPositionsAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Cancels a queued or running generation; false when it already ended. A running one stops within one denoising
    /// step: the engine's per-step progress write is conditional on Running and finds the row Cancelled. The Hangfire
    /// ticket is left alone on purpose: tickets are claimed in fair order, so the one enqueued for this row may be
    /// running someone else's generation; a leftover ticket finds nothing to claim and ends.
    /// </summary>
    public async Task<bool> CancelAsync(Guid generationId, CancellationToken cancellationToken = default) =>
        await CancelWhereAsync(g => g.Id == generationId && (g.Status == JobStatus.Queued || g.Status == JobStatus.Running), cancellationToken) > 0;

    /// <summary>Cancels every unfinished generation of a batch or sweep; returns how many were cancelled.</summary>
    public Task<int> CancelGroupAsync(Guid groupId, CancellationToken cancellationToken = default) =>
        CancelWhereAsync(g => g.GroupId == groupId && (g.Status == JobStatus.Queued || g.Status == JobStatus.Running), cancellationToken);

    /// <summary>"Cancel all my pending jobs": the user's queued generations; a running one keeps running.</summary>
    public Task<int> CancelPendingAsync(Guid userId, CancellationToken cancellationToken = default) =>
        CancelWhereAsync(g => g.RequestedById == userId && g.Status == JobStatus.Queued, cancellationToken);

    /// <summary>"Cancel all my pending jobs" within one project: the user's queued generations there.</summary>
    public Task<int> CancelPendingAsync(Guid userId, Guid projectId, CancellationToken cancellationToken = default) =>
        CancelWhereAsync(g => g.RequestedById == userId && g.ProjectId == projectId && g.Status == JobStatus.Queued, cancellationToken);

    private async Task<int> CancelWhereAsync(System.Linq.Expressions.Expression<Func<Generation, bool>> filter, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Set-based: Generation has an xmin concurrency token, and the engine updates progress concurrently.
        int count = await db.Generations.Where(filter).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.Status, JobStatus.Cancelled)
            .SetProperty(g => g.FinishedAt, now)
            .SetProperty(g => g.QueuePosition, (int?)null)
            .SetProperty(g => g.EstimatedFinishAt, (DateTimeOffset?)null), cancellationToken);
        if (count > 0) await queue.RefreshPositionsAsync(cancellationToken);
        return count;
    }
}
