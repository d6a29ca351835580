using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Training;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// The engine's fine-tune job. State machine of a row: Queued -(claim)-> Running -> Succeeded | Failed | Cancelled,
/// as for generations: every write is conditional on "still Running and ours" (the Hangfire job id). The training
/// loop checkpoints into the row's <see cref="FineTuneWorkspace"/>, so a re-run of the same job after a crash resumes
/// from the last checkpoint with the cached regular images. The package, ArtifactHash, Succeeded and the character's
/// ActiveFineTuneId are committed in one transaction, so a re-run cannot record a second package.
/// </summary>
public sealed class FineTuneJobs(
    IDbContextFactory<StudioDbContext> contexts,
    IFineTuneEvents events,
    IBlobStore blobs,
    IOptions<EngineOptions> options,
    ILogger<FineTuneJobs> logger,
    TimeProvider? time = null) : IFineTuneJobs
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Least time between progress writes to the row (the hub still gets every step, latest wins).</summary>
    public static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromMilliseconds(250);

    public async Task RunAsync(Guid fineTuneId, PerformContext? context, CancellationToken cancellation)
    {
        var claimKey = context?.BackgroundJob.Id ?? $"direct:{fineTuneId}";
        var row = await ClaimAsync(fineTuneId, claimKey, cancellation);
        if (row is null) return;
        var character = row.Character!;
        events.FineTuneStatus(Change(row, JobStatus.Running));

        var workspace = new FineTuneWorkspace(options.Value.WorkRoot, row.Id);
        try
        {
            // Model loading and training run synchronously on one dedicated thread: TorchSharp's dispose scopes and
            // no_grad are thread-local, and an hour-long run should not hold a thread-pool thread.
            bool trained = await Task.Factory.StartNew(() => Train(row, character, claimKey, workspace, cancellation), cancellation,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!trained)
            {
                events.FineTuneStatus(Change(row, JobStatus.Cancelled));
                return;
            }

            var hash = await StoreAsync(row, claimKey, workspace, cancellation);
            events.FineTuneStatus(hash is null ? Change(row, JobStatus.Cancelled) : Change(row, JobStatus.Succeeded, artifact: hash));
            if (hash is not null) workspace.Delete();
        }
        catch (GenerationFailedException e)
        {
            await FailAsync(row, claimKey, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Shutdown: leave the row Running; Hangfire re-queues the job and the re-run resumes from the checkpoint.
            if (!HangfireJobState.WasDeleted(context)) throw;
            // Deleted from the dashboard (or by our cancel): the state users see follows.
            await EndAsync(row.Id, claimKey, JobStatus.Cancelled, null);
            events.FineTuneStatus(Change(row, JobStatus.Cancelled));
        }
        catch (Exception e) when (IsLastAttempt(context))
        {
            await FailAsync(row, claimKey, $"The engine failed after {IFineTuneJobs.TransientRetries + 1} attempts: {e.Message}");
            throw;
        }
        finally
        {
            await events.FlushAsync(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Queued -> Running (ours), or our own Running row again (a re-run); null when there is nothing to do.</summary>
    private async Task<FineTune?> ClaimAsync(Guid id, string claimKey, CancellationToken cancellation)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        int claimed = await db.FineTunes
            .Where(f => f.Id == id && f.Status == JobStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, JobStatus.Running)
                .SetProperty(f => f.HangfireJobId, claimKey)
                .SetProperty(f => f.StartedAt, _time.GetUtcNow())
                .SetProperty(f => f.Error, (string?)null), cancellation);
        var row = await db.FineTunes.AsNoTracking().Include(f => f.Character).SingleOrDefaultAsync(f => f.Id == id, cancellation);
        if (row is null)
        {
            // Deleted with its character: nothing left to do, and nothing to retry.
            logger.LogInformation("Job {Job}: fine-tune {FineTune} no longer exists", claimKey, id);
            return null;
        }
        if (row.Status != JobStatus.Running || row.HangfireJobId != claimKey)
        {
            logger.LogInformation("Job {Job}: fine-tune {FineTune} is {Status}; nothing to do", claimKey, id, row.Status);
            return null;
        }
        if (claimed == 0) logger.LogInformation("Job {Job}: resuming fine-tune {FineTune} after an interruption", claimKey, id);
        return row;
    }

    /// <summary>Trains and writes the artifact into the workspace; false when the row was cancelled meanwhile.</summary>
    private bool Train(FineTune row, Character character, string claimKey, FineTuneWorkspace workspace, CancellationToken cancellation)
    {
        var parameters = FineTuneRequestFactory.Parameters(row);
        var trainingOptions = FineTuneRequestFactory.Options(parameters);
        var path = ModelPaths.Resolve(options.Value.ModelsRoot, parameters.ModelId);
        var reference = FineTuneRequestFactory.Reference(character, blobs);
        var request = FineTuneRequestFactory.Create(character, reference, trainingOptions, workspace.Root);

        // Training changes the model in place (token row, adapters or weights), so it gets its own copy, never the
        // generation jobs' cached one.
        StableDiffusionModel model;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var engine = options.Value;
            model = ModelLoader.Load(path, DeviceSpec.Parse(engine.Device, engine.DType));
        }
        catch (CheckpointException e)
        {
            throw new GenerationFailedException($"Model \"{parameters.ModelId}\" could not be loaded: {e.Message}", e);
        }
        using var loaded = model;
        logger.LogInformation("Fine-tune {FineTune}: model {Model} ready in {Seconds:F1} s", row.Id, parameters.ModelId, clock.Elapsed.TotalSeconds);

        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var db = contexts.CreateDbContext();
        var writer = new FineTuneProgressWriter(db, row.Id, claimKey, _time, ProgressWriteInterval);
        if (workspace.Checkpoint() is { } checkpoint)
        {
            logger.LogInformation("Fine-tune {FineTune}: resuming from the checkpoint at step {Step} of {Total}", row.Id, checkpoint.Step, trainingOptions.Steps);
            if (!writer.Restart(checkpoint.Step, trainingOptions.Steps, checkpoint.Losses)) return false;
        }
        bool first = true;
        var tuner = new SubjectFineTuner(model)
        {
            OnStep = p =>
            {
                if (first)
                {
                    first = false;
                    logger.LogInformation("Fine-tune {FineTune}: this session's first step is {Step} (it started at step {Start})",
                        row.Id, p.Step, p.Step - p.StepsThisSession);
                }
                var remaining = p.EstimatedRemaining;
                var point = new FineTuneLossPoint(p.Step, p.Loss, _time.GetUtcNow() + remaining);
                if (!writer.Report(p, point)) cancelled.Cancel();
                events.FineTuneProgress(new FineTuneProgress(row.Id, character.Id, character.ProjectId, p.Step, p.TotalSteps, p.Loss,
                    remaining.TotalSeconds, [point]));
            },
            OnValidationImage = (step, image) =>
                events.FineTuneValidation(new ValidationFrame(row.Id, character.Id, character.ProjectId, step, ImageTensors.ToPng(image))),
        };
        try
        {
            clock.Restart();
            using var trained = tuner.Run(request, cancelled.Token);
            logger.LogInformation("Fine-tune {FineTune}: {Steps} steps done in {Seconds:F1} s", row.Id, trainingOptions.Steps, clock.Elapsed.TotalSeconds);
            foreach (var warning in trained.Warnings) logger.LogWarning("Fine-tune {FineTune}: {Warning}", row.Id, warning);
            Directory.CreateDirectory(Path.GetDirectoryName(workspace.PackagePath)!);
            CharacterPackage.Save(workspace.PackagePath, model, trained);
            var temp = workspace.ArtifactPath + ".tmp";
            using (var zip = File.Create(temp))
                CharacterPackageArchive.Write(workspace.PackagePath, zip);
            File.Move(temp, workspace.ArtifactPath, overwrite: true);
            return true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            logger.LogInformation("Fine-tune {FineTune} was cancelled", row.Id);
            return false;
        }
        catch (ArgumentException e)
        {
            throw new GenerationFailedException($"The fine-tune's settings do not fit model \"{parameters.ModelId}\": {e.Message}", e);
        }
    }

    /// <summary>
    /// Puts the artifact in the blob store, then records the blob, ArtifactHash, Succeeded and the character's active
    /// fine-tune in one transaction. Returns null when the row was cancelled meanwhile (nothing is recorded).
    /// </summary>
    private async Task<string?> StoreAsync(FineTune row, string claimKey, FineTuneWorkspace workspace, CancellationToken cancellation)
    {
        BlobRef blob;
        await using (var artifact = File.OpenRead(workspace.ArtifactPath))
            blob = await blobs.PutAsync(artifact, CharacterPackageArchive.ContentType, cancellation);

        var now = _time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        await new BlobRecorder(db, blobs, _time).RecordAsync(blob, cancellation);
        int ended = await db.FineTunes
            .Where(f => f.Id == row.Id && f.Status == JobStatus.Running && f.HangfireJobId == claimKey)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, JobStatus.Succeeded)
                .SetProperty(f => f.ArtifactHash, blob.Hash)
                .SetProperty(f => f.ProgressStep, f => f.ProgressTotal)
                .SetProperty(f => f.FinishedAt, now), cancellation);
        if (ended == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        await db.Characters.Where(c => c.Id == row.CharacterId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ActiveFineTuneId, row.Id)
                .SetProperty(c => c.UpdatedAt, now), cancellation);
        await transaction.CommitAsync(cancellation);
        return blob.Hash;
    }

    private async Task FailAsync(FineTune row, string claimKey, string message)
    {
        logger.LogWarning("Fine-tune {FineTune} failed: {Message}", row.Id, message);
        await EndAsync(row.Id, claimKey, JobStatus.Failed, message);
        events.FineTuneStatus(Change(row, JobStatus.Failed, message));
    }

    private async Task EndAsync(Guid id, string claimKey, JobStatus status, string? error)
    {
        var now = _time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.FineTunes
            .Where(f => f.Id == id && f.Status == JobStatus.Running && f.HangfireJobId == claimKey)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Status, status)
                .SetProperty(f => f.Error, error)
                .SetProperty(f => f.FinishedAt, now), CancellationToken.None);
    }

    private static bool IsLastAttempt(PerformContext? context) =>
        context is null || context.GetJobParameter<int>("RetryCount") >= IFineTuneJobs.TransientRetries;

    private static FineTuneStatusChange Change(FineTune row, JobStatus status, string? error = null, string? artifact = null) =>
        new(row.Id, row.CharacterId, row.Character!.ProjectId, status, error, artifact);
}
