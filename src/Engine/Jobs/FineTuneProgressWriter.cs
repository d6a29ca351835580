using System.Text.Json;
using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Training;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// Writes a running fine-tune's progress to its row from the training thread: step, total and the loss points since
/// the last write (appended to the jsonb history). Throttled to one write per <see cref="Interval"/> (and always the
/// last step), because tiny models step many times a second and the history grows with every write. Each write is
/// conditional on "still Running and ours", so it doubles as the cancel check; between writes a primary-key read does
/// that check, so a cancel stops training within one step whatever the throttle. False means stop.
/// </summary>
public sealed class FineTuneProgressWriter(StudioDbContext db, Guid fineTuneId, string claimKey, TimeProvider time, TimeSpan interval)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private const string Running = nameof(JobStatus.Running);

    private readonly List<FineTuneLossPoint> _pending = [];
    private DateTimeOffset? _lastWrite;

    public TimeSpan Interval { get; } = interval;

    /// <summary>Records one step; returns false when the row was cancelled or taken over (training must stop).</summary>
    public bool Report(TrainingProgress progress, FineTuneLossPoint point)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _pending.Add(point);
        var now = time.GetUtcNow();
        if (_lastWrite is { } last && now - last < Interval && progress.Step < progress.TotalSteps)
            return db.FineTunes.Any(f => f.Id == fineTuneId && f.Status == JobStatus.Running && f.HangfireJobId == claimKey);
        _lastWrite = now;
        var json = JsonSerializer.Serialize(_pending, Json);
        _pending.Clear();
        int rows = db.Database.ExecuteSql(
            $"""
            UPDATE "FineTunes" SET "ProgressStep" = {progress.Step}, "ProgressTotal" = {progress.TotalSteps},
                "LossHistoryJson" = "LossHistoryJson" || {json}::jsonb
            WHERE "Id" = {fineTuneId} AND "Status" = {Running} AND "HangfireJobId" = {claimKey}
            """);
        return rows > 0;
    }

    /// <summary>
    /// A resumed run: the history becomes the checkpoint's (points written after it, by the attempt that died, are
    /// steps that will run again). Returns false when the row is no longer ours.
    /// </summary>
    public bool Restart(int step, int totalSteps, IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var json = JsonSerializer.Serialize(losses.Select((loss, i) => new FineTuneLossPoint(i + 1, loss)), Json);
        int rows = db.Database.ExecuteSql(
            $"""
            UPDATE "FineTunes" SET "ProgressStep" = {step}, "ProgressTotal" = {totalSteps}, "LossHistoryJson" = {json}::jsonb
            WHERE "Id" = {fineTuneId} AND "Status" = {Running} AND "HangfireJobId" = {claimKey}
            """);
        return rows > 0;
    }
}
