using DreamTuner.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Jobs;

/// <summary>
/// The studio's way to start and stop fine-tunes. Unlike generation tickets, a fine-tune's Hangfire job runs exactly
/// its own row (one long run per character, no fair claiming), so cancelling also deletes the job: a queued one never
/// starts and a running one is stopped through Hangfire's cancellation token as well as by the engine's conditional
/// progress write.
/// </summary>
public sealed class FineTuneDispatcher(IDbContextFactory<StudioDbContext> contexts, IBackgroundJobClient jobs, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Creates the FineTune row (Queued) and enqueues its job; the row carries the Hangfire job id.</summary>
    public async Task<FineTune> EnqueueAsync(NewFineTune request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = new FineTune
        {
            CharacterId = request.CharacterId,
            RequestedById = request.RequestedById,
            Status = JobStatus.Queued,
            Mode = request.Parameters.EntityMode,
            ParametersJson = request.Parameters.ToJson(),
            ProgressTotal = request.Parameters.Steps,
            CreatedAt = _time.GetUtcNow(),
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.FineTunes.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }

        string jobId;
        try
        {
            jobId = jobs.Enqueue<IFineTuneJobs>(j => j.RunAsync(row.Id, null, CancellationToken.None));
        }
        catch
        {
            // A row without a job would stay Queued forever.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.FineTunes.Where(f => f.Id == row.Id && f.Status == JobStatus.Queued).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        // The engine may have started (and stamped its job id) already; only fill an empty slot.
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            await db.FineTunes.Where(f => f.Id == row.Id && f.HangfireJobId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.HangfireJobId, jobId), cancellationToken);
        row.HangfireJobId = jobId;
        return row;
    }

    /// <summary>Cancels a queued or running fine-tune; false when it already ended.</summary>
    public async Task<bool> CancelAsync(Guid fineTuneId, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Set-based: FineTune has an xmin token and the engine writes progress concurrently.
        int count = await db.FineTunes
            .Where(f => f.Id == fineTuneId && (f.Status == JobStatus.Queued || f.Status == JobStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, JobStatus.Cancelled)
                .SetProperty(f => f.FinishedAt, now), cancellationToken);
        if (count == 0) return false;

        var jobId = await db.FineTunes.AsNoTracking().Where(f => f.Id == fineTuneId).Select(f => f.HangfireJobId)
            .SingleOrDefaultAsync(cancellationToken);
        if (jobId is not null)
        {
            try
            {
                jobs.Delete(jobId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Best effort: our row already says Cancelled, and the engine's next progress write finds that.
            }
        }
        return true;
    }
}
