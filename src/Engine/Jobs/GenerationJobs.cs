using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Evaluation;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Jobs;

/// <summary>
/// The engine's generation job. State machine of a row: Queued -(claim)-> Running -> Succeeded | Failed | Cancelled.
/// Every write is a conditional, set-based update on "still Running and still ours", so a cancel from the studio, a
/// crash, a retry or a second engine can never move a row backwards or store a second image: the images and the
/// Succeeded status are committed in one transaction, and a re-run finds the row ended and does nothing.
/// </summary>
public sealed class GenerationJobs(
    IDbContextFactory<StudioDbContext> contexts,
    GenerationQueue queue,
    ModelCache models,
    GenerationInputLoader inputLoader,
    IGenerationEvents events,
    IBlobStore blobs,
    EvaluationModels evaluation,
    IOptions<EngineOptions> options,
    ILogger<GenerationJobs> logger,
    TimeProvider? time = null) : IGenerationJobs
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>When false, no previews are made (the benchmark's baseline).</summary>
    public bool PreviewsEnabled { get; set; } = true;

    public async Task RunAsync(Guid generationId, PerformContext? context, CancellationToken cancellation)
    {
        var claimKey = context?.BackgroundJob.Id ?? $"direct:{generationId}";
        Guid id;
        var claim = await queue.FindClaimAsync(claimKey, cancellation);
        if (claim is { } previous)
        {
            if (previous.Status != JobStatus.Running)
            {
                logger.LogInformation("Job {Job}: generation {Generation} already {Status}; nothing to do", claimKey, previous.Id, previous.Status);
                return;
            }
            logger.LogInformation("Job {Job}: resuming generation {Generation} after an interruption", claimKey, previous.Id);
            id = previous.Id;
        }
        else if (await queue.ClaimNextAsync(claimKey, _time.GetUtcNow(), cancellation) is { } next)
        {
            id = next;
            await queue.RefreshPositionsAsync(cancellation);
        }
        else
        {
            logger.LogInformation("Job {Job}: no queued generation to run", claimKey);
            return;
        }

        Generation? generation;
        await using (var db = await contexts.CreateDbContextAsync(cancellation))
            generation = await db.Generations.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellation);
        if (generation is null)
        {
            // Deleted with its project after the claim: nothing left to do, and nothing to retry.
            logger.LogInformation("Job {Job}: generation {Generation} no longer exists", claimKey, id);
            return;
        }
        events.Status(Change(generation, JobStatus.Running));

        try
        {
            var inputs = await inputLoader.LoadAsync(generation, cancellation);
            // Model loading and denoising run synchronously on one dedicated thread: TorchSharp's dispose scopes and
            // no_grad are thread-local, and a long generation should not hold a thread-pool thread.
            var outcome = await Task.Factory.StartNew(() => Generate(generation, inputs, claimKey, cancellation), cancellation,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (outcome is null)
            {
                events.Status(Change(generation, JobStatus.Cancelled));
                return;
            }

            using var result = outcome.Value.Run.Result;
            var hashes = await StoreAsync(generation, claimKey, outcome.Value.Run, outcome.Value.ModelHash, outcome.Value.Scores, cancellation);
            events.Status(hashes is null ? Change(generation, JobStatus.Cancelled) : Change(generation, JobStatus.Succeeded, images: hashes));
        }
        catch (GenerationFailedException e)
        {
            await FailAsync(generation, claimKey, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Shutdown: leave the row Running; Hangfire re-queues the job and the re-run resumes it.
            if (!HangfireJobState.WasDeleted(context)) throw;
            // Deleted from the dashboard: the state users see follows.
            await EndAsync(generation.Id, claimKey, JobStatus.Cancelled, null);
            events.Status(Change(generation, JobStatus.Cancelled));
        }
        catch (Exception e) when (IsLastAttempt(context))
        {
            await FailAsync(generation, claimKey, $"The engine failed after {IGenerationJobs.TransientRetries + 1} attempts: {e.Message}");
            throw;
        }
        finally
        {
            await events.FlushAsync(TimeSpan.FromSeconds(1));
        }
    }

    private (GenerationRun Run, string ModelHash, IReadOnlyList<ImageScores> Scores)? Generate(Generation g, GenerationInputs inputs, string claimKey, CancellationToken cancellation)
    {
        var path = ModelPaths.Resolve(options.Value.ModelsRoot, g.ModelId);
        var key = KeyFor(g, path, inputs);
        LoadedModel loaded;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            loaded = models.Get(key);
            logger.LogInformation("Generation {Generation}: model {Model} ready in {Seconds:F1} s", g.Id, key.Id, clock.Elapsed.TotalSeconds);
        }
        catch (CheckpointException e)
        {
            throw new GenerationFailedException($"Model \"{g.ModelId}\" could not be loaded: {e.Message}", e);
        }

        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var db = contexts.CreateDbContext();
        try
        {
            clock.Restart();
            var run = GenerationRunner.Run(loaded, g, inputs, p => OnStep(g, claimKey, p, db, cancelled), cancelled.Token);
            foreach (var warning in run.Warnings) logger.LogWarning("Generation {Generation}: {Warning}", g.Id, warning);
            logger.LogInformation("Generation {Generation}: {Steps} steps in {Seconds:F1} s", g.Id, g.Steps, clock.Elapsed.TotalSeconds);
            return (run, loaded.Model.Hash, Score(g, inputs, path, run));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            logger.LogInformation("Generation {Generation} was cancelled", g.Id);
            return null;
        }
        catch (ImageRejectedException e)
        {
            throw new GenerationFailedException($"An input image cannot be used: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new GenerationFailedException($"The generation's settings do not fit model \"{g.ModelId}\": {e.Message}", e);
        }
    }

    /// <summary>
    /// The gallery's identity and prompt scores. They are advice, not part of the result: when scoring fails the images
    /// are stored without scores rather than lost.
    /// </summary>
    private IReadOnlyList<ImageScores> Score(Generation g, GenerationInputs inputs, string modelPath, GenerationRun run)
    {
        var count = (int)run.Result.Images.shape[0];
        try
        {
            using var scope = NewDisposeScope();
            return GenerationScorer.Score(evaluation, run.Result.ImagesInUnitRange(), g.Prompt, inputs.Characters, modelPath);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ImageRejectedException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            logger.LogWarning(e, "Generation {Generation}: images stored without scores", g.Id);
            return Enumerable.Repeat(ImageScores.None, count).ToList();
        }
    }

    /// <summary>
    /// What to load for a row: the ControlNet of its control type from the model's folder, the coarse-identity module
    /// for DreamTuner generations, and the trained packages of its characters.
    /// </summary>
    private static ModelKey KeyFor(Generation g, string modelPath, GenerationInputs inputs)
    {
        string? controlNet = null;
        if (g.ControlImageHash is not null)
        {
            var type = g.ControlType ?? ControlType.Pose;
            controlNet = ModelFolderLayout.ControlNet(modelPath, type);
            if (!Directory.Exists(controlNet))
                throw new GenerationFailedException(
                    $"Model \"{g.ModelId}\" has no {type.ToString().ToLowerInvariant()} ControlNet (looked for {ModelFolderLayout.ControlNetFolderName(type)}/ in its folder); remove the control image or install one.");
        }
        var packages = inputs.Characters.Where(c => c.PackagePath is not null).Select(c => c.PackagePath!).ToList();
        return new ModelKey(modelPath, controlNet, CoarseIdentity: inputs.HasReferences, packages);
    }

    /// <summary>
    /// Writes progress and checks for cancellation in one statement: the update only applies while the row is still
    /// Running and ours; a cancelled row matches nothing, and the loop stops before its next step.
    /// </summary>
    private void OnStep(Generation g, string claimKey, GenerationProgress p, StudioDbContext db, CancellationTokenSource cancelled)
    {
        var remaining = p.EstimatedRemaining;
        DateTimeOffset? finish = _time.GetUtcNow() + remaining;
        int rows = db.Generations
            .Where(x => x.Id == g.Id && x.Status == JobStatus.Running && x.HangfireJobId == claimKey)
            .ExecuteUpdate(s => s
                .SetProperty(x => x.ProgressStep, p.Step)
                .SetProperty(x => x.ProgressTotal, p.TotalSteps)
                .SetProperty(x => x.EstimatedFinishAt, finish));
        if (rows == 0)
        {
            cancelled.Cancel();
            return;
        }

        float[]? latents = null;
        int h = (int)p.PredictedLatents.shape[2], w = (int)p.PredictedLatents.shape[3];
        if (PreviewsEnabled)
        {
            using var first = p.PredictedLatents[0].to(ScalarType.Float32).cpu();
            latents = first.data<float>().ToArray();
        }
        events.Preview(new PreviewFrame(g.Id, g.ProjectId, g.GroupId, p.Step, p.TotalSteps, remaining.TotalSeconds,
            latents, h, w, g.Width, g.Height));
    }

    /// <summary>
    /// Puts the PNGs (with their parameters chunk) in the blob store, then records blobs, images and Succeeded in one
    /// transaction. Returns null when the row was cancelled meanwhile (nothing is recorded).
    /// </summary>
    private async Task<IReadOnlyList<string>?> StoreAsync(Generation g, string claimKey, GenerationRun run, string modelHash,
        IReadOnlyList<ImageScores> scores, CancellationToken cancellation)
    {
        var result = run.Result;
        var pngs = ImageTensors.ToPngs(result.Images);
        int width = (int)result.Images.shape[3], height = (int)result.Images.shape[2];
        var stored = new List<(BlobRef Blob, string Metadata)>();
        for (int i = 0; i < pngs.Length; i++)
        {
            var info = GenerationRequestFactory.Info(g, modelHash, i, width, height, run.Metadata);
            using var png = new MemoryStream(PngParameters.Embed(pngs[i], info));
            stored.Add((await blobs.PutAsync(png, "image/png", cancellation), PngParameters.Format(info)));
        }

        var now = _time.GetUtcNow();
        var warnings = run.Warnings.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var recorder = new BlobRecorder(db, blobs, _time);
        for (int i = 0; i < stored.Count; i++)
        {
            var (blob, metadata) = stored[i];
            var score = i < scores.Count ? scores[i] : ImageScores.None;
            await recorder.RecordAsync(blob, cancellation);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO "Images" ("Id", "GenerationId", "BatchIndex", "BlobHash", "Width", "Height", "Seed", "Metadata", "CreatedAt", "IdentityScore", "PromptScore")
                VALUES ({Guid.CreateVersion7()}, {g.Id}, {i}, {blob.Hash}, {width}, {height}, {g.Seed}, {metadata}, {now}, {score.Identity}, {score.Prompt})
                ON CONFLICT ("GenerationId", "BatchIndex") DO NOTHING
                """, cancellation);
        }
        int ended = await db.Generations
            .Where(x => x.Id == g.Id && x.Status == JobStatus.Running && x.HangfireJobId == claimKey)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, JobStatus.Succeeded)
                .SetProperty(x => x.Warnings, warnings)
                .SetProperty(x => x.ProgressStep, x => x.ProgressTotal)
                .SetProperty(x => x.EstimatedFinishAt, (DateTimeOffset?)null)
                .SetProperty(x => x.FinishedAt, now), cancellation);
        if (ended == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        await transaction.CommitAsync(cancellation);
        return [.. stored.Select(s => s.Blob.Hash)];
    }

    private async Task FailAsync(Generation g, string claimKey, string message)
    {
        logger.LogWarning("Generation {Generation} failed: {Message}", g.Id, message);
        await EndAsync(g.Id, claimKey, JobStatus.Failed, message);
        events.Status(Change(g, JobStatus.Failed, message));
    }

    private async Task EndAsync(Guid id, string claimKey, JobStatus status, string? error)
    {
        var now = _time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Generations
            .Where(x => x.Id == id && x.Status == JobStatus.Running && x.HangfireJobId == claimKey)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.Error, error)
                .SetProperty(x => x.EstimatedFinishAt, (DateTimeOffset?)null)
                .SetProperty(x => x.FinishedAt, now), CancellationToken.None);
    }

    private static bool IsLastAttempt(PerformContext? context) =>
        context is null || context.GetJobParameter<int>("RetryCount") >= IGenerationJobs.TransientRetries;

    private static GenerationStatusChange Change(Generation g, JobStatus status, string? error = null, IReadOnlyList<string>? images = null) =>
        new(g.Id, g.ProjectId, g.GroupId, status, error, images ?? []);
}
