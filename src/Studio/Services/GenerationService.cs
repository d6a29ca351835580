using System.Text.RegularExpressions;
using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Starting, watching and cancelling generations for the Generate page and the HTTP API. Every call checks the
/// caller's role in the project first (non-members get <see cref="ProjectNotFoundException"/>).
/// </summary>
public sealed partial class GenerationService(
    IDbContextFactory<StudioDbContext> dbs,
    ProjectAccess access,
    JobDispatcher dispatcher,
    GenerationRateLimiter rateLimiter,
    IOptions<GenerationOptions> options,
    TimeProvider time)
{
    public const int MaxPromptLength = 2000;
    public const int MaxBatchSize = 4;
    public const double MaxGuidance = 30;
    public const int MaxModelIdLength = 200;

    /// <summary>Seeds are drawn from [0, 2^32) so they can be typed into any other tool too.</summary>
    public static long RandomSeed() => Random.Shared.NextInt64(0, 1L << 32);

    /// <summary>Queues a generation. Order: role, settings, rate limit — so refusals are cheap and a typo costs no permit.</summary>
    /// <exception cref="ProjectRuleException">A setting is out of range; the message says which.</exception>
    /// <exception cref="GenerationRateLimitedException">The user submits too often; the message says when to retry.</exception>
    public async Task<GenerationInfo> SubmitAsync(Guid projectId, Guid userId, GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        var generation = Validate(projectId, userId, request);
        rateLimiter.Acquire(userId);

        var row = await dispatcher.EnqueueAsync(generation, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            db.Activities.Add(new Activity
            {
                ProjectId = projectId, UserId = userId, Kind = ActivityKind.GenerationQueued,
                Summary = Shorten($"Queued \"{generation.Prompt}\"", 300),
                EntityType = nameof(Generation), EntityId = row.Id, At = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return await GetAsync(row.Id, userId, cancellationToken);
    }

    /// <summary>The user's own recent generations in the project, newest first.</summary>
    public async Task<IReadOnlyList<GenerationInfo>> ListMineAsync(Guid projectId, Guid userId, int take = 20, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await Project(db.Generations.AsNoTracking()
                .Where(g => g.ProjectId == projectId && g.RequestedById == userId)
                .OrderByDescending(g => g.CreatedAt)
                .Take(Math.Clamp(take, 1, 200)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One generation, for any member of its project; anyone else gets <see cref="ProjectNotFoundException"/>.</summary>
    public async Task<GenerationInfo> GetAsync(Guid generationId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var projectId = await db.Generations.AsNoTracking().Where(g => g.Id == generationId).Select(g => (Guid?)g.ProjectId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        return await Project(db.Generations.AsNoTracking().Where(g => g.Id == generationId)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ProjectNotFoundException();
    }

    /// <summary>Cancels a queued or running generation: its requester may, and so may an Owner. False when it already ended.</summary>
    public async Task<bool> CancelAsync(Guid projectId, Guid generationId, Guid userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var requester = await db.Generations.AsNoTracking()
                .Where(g => g.Id == generationId && g.ProjectId == projectId)
                .Select(g => new { g.RequestedById })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
            if (requester.RequestedById != userId && role != ProjectRole.Owner)
                throw new ProjectRuleException("Only the person who started a generation, or an Owner, can cancel it.");
        }
        return await dispatcher.CancelAsync(generationId, cancellationToken);
    }

    /// <summary>"Cancel all my pending": the user's queued generations in this project (a running one keeps running).</summary>
    public async Task<int> CancelMyPendingAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        return await dispatcher.CancelPendingAsync(userId, projectId, cancellationToken);
    }

    /// <summary>Checks every setting against the limits and returns the dispatcher's request (a random seed when none).</summary>
    /// <exception cref="ProjectRuleException">The message names the setting and its allowed range.</exception>
    public NewGeneration Validate(Guid projectId, Guid userId, GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value;
        var prompt = (request.Prompt ?? "").Trim();
        var negative = string.IsNullOrWhiteSpace(request.NegativePrompt) ? null : request.NegativePrompt.Trim();
        var modelId = (request.ModelId ?? "").Trim();
        if (prompt.Length == 0)
            throw new ProjectRuleException("Write a prompt.");
        if (prompt.Length > MaxPromptLength || negative?.Length > MaxPromptLength)
            throw new ProjectRuleException($"Prompts are limited to {MaxPromptLength} characters.");
        if (request.Steps < 1 || request.Steps > limits.MaxSteps)
            throw new ProjectRuleException($"Steps must be between 1 and {limits.MaxSteps}.");
        if (!Enum.IsDefined(request.Scheduler))
            throw new ProjectRuleException("Choose a scheduler from the list.");
        if (!double.IsFinite(request.GuidanceScale) || request.GuidanceScale < 0 || request.GuidanceScale > MaxGuidance)
            throw new ProjectRuleException($"Guidance must be between 0 and {MaxGuidance}.");
        if (request.Seed is < 0)
            throw new ProjectRuleException("The seed must not be negative.");
        CheckSide("Width", request.Width, limits.MaxSide);
        CheckSide("Height", request.Height, limits.MaxSide);
        if (request.BatchSize < 1 || request.BatchSize > MaxBatchSize)
            throw new ProjectRuleException($"Batch size must be between 1 and {MaxBatchSize}.");
        if (modelId.Length == 0 || modelId.Length > MaxModelIdLength || !ModelIdPattern().IsMatch(modelId)
            || modelId.Split('/').Any(part => part is "" or "." or ".."))
            throw new ProjectRuleException("The model id is a folder name under the models root (letters, digits, '.', '_', '-', '/').");
        return new NewGeneration
        {
            ProjectId = projectId,
            RequestedById = userId,
            Prompt = prompt,
            NegativePrompt = negative,
            Seed = request.Seed ?? RandomSeed(),
            Scheduler = request.Scheduler,
            Steps = request.Steps,
            GuidanceScale = request.GuidanceScale,
            Width = request.Width,
            Height = request.Height,
            BatchSize = request.BatchSize,
            ModelId = modelId,
        };
    }

    private static void CheckSide(string name, int value, int max)
    {
        if (value < 64 || value > max || value % 8 != 0)
            throw new ProjectRuleException($"{name} must be a multiple of 8 between 64 and {max} pixels.");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex ModelIdPattern();

    private static IQueryable<GenerationInfo> Project(IQueryable<Generation> generations) => generations.Select(g => new GenerationInfo(
        g.Id, g.ProjectId, g.Prompt, g.NegativePrompt, g.Seed, g.Scheduler, g.Steps, g.GuidanceScale, g.Width, g.Height,
        g.BatchSize, g.ModelId, g.Status, g.QueuePosition, g.ProgressStep, g.ProgressTotal, g.EstimatedFinishAt, g.Error,
        g.RequestedById, g.CreatedAt, g.Images.OrderBy(i => i.BatchIndex).Select(i => i.Id).ToList()));
}
