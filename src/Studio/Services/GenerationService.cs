using System.Text.RegularExpressions;
using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Images;
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
    IBlobStore blobs,
    ImageInspector inspector,
    IOptions<GenerationOptions> options,
    TimeProvider time)
{
    public const int MaxPromptLength = 2000;
    public const int MaxBatchSize = 4;
    public const double MaxGuidance = 30;
    public const int MaxModelIdLength = 200;
    public const int MaxCharacters = 8;

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
        generation = await AttachInputsAsync(generation, request, cancellationToken);

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
        CheckKnobs(request);
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
            InitStrength = request.InitStrength,
            ControlType = request.ControlType,
            ControlScale = request.ControlScale,
            ControlStart = request.ControlStart,
            ControlEnd = request.ControlEnd,
            SubjectEncoderBeta = request.SubjectEncoderBeta,
            ReferenceAttentionWeight = request.ReferenceAttentionWeight,
            ReferenceGuidance = request.ReferenceGuidance,
            ReferenceProbability = request.ReferenceProbability,
            ReferenceDeltaT = request.ReferenceDeltaT,
            ReferenceDeltaTPrime = request.ReferenceDeltaTPrime,
            ReferencePrompt = string.IsNullOrWhiteSpace(request.ReferencePrompt) ? null : request.ReferencePrompt.Trim(),
            UseMask = request.UseMask,
        };
    }

    /// <summary>
    /// The ranges of the image-to-image, ControlNet and DreamTuner knobs (the engine's own limits, so a queued job
    /// never fails on them). One message per knob, naming it as the form does.
    /// </summary>
    private static void CheckKnobs(GenerationRequest request)
    {
        if ((request.InitImage is not null || request.InitImageHash is not null) && !InRange(request.InitStrength, 0, 1, lowOpen: true))
            throw new ProjectRuleException("Strength (image-to-image) must be above 0 and at most 1.");
        if (!Enum.IsDefined(request.ControlType))
            throw new ProjectRuleException("Choose a control type from the list (pose or depth).");
        if (!InRange(request.ControlScale, 0, 5))
            throw new ProjectRuleException("Control scale must be between 0 and 5.");
        if (!InRange(request.ControlStart, 0, 1) || !InRange(request.ControlEnd, 0, 1) || request.ControlStart > request.ControlEnd)
            throw new ProjectRuleException("Control start and end are fractions of the steps: 0 ≤ start ≤ end ≤ 1.");
        if (!InRange(request.SubjectEncoderBeta, 0, 10))
            throw new ProjectRuleException("β (subject-encoder strength) must be between 0 and 10.");
        if (!InRange(request.ReferenceAttentionWeight, 0, 100, lowOpen: true))
            throw new ProjectRuleException("w_ref (reference weight) must be above 0 and at most 100.");
        if (!InRange(request.ReferenceGuidance, 0, 50))
            throw new ProjectRuleException("ω_r (reference guidance) must be between 0 and 50.");
        if (!InRange(request.ReferenceProbability, 0, 1))
            throw new ProjectRuleException("p_r (reference-guided probability) must be between 0 and 1.");
        if (!InRange(request.ReferenceDeltaT, -999, 999))
            throw new ProjectRuleException("Δt must be between -999 and 999 timesteps.");
        if (!InRange(request.ReferenceDeltaTPrime, -999, 999))
            throw new ProjectRuleException("Δt' must be between -999 and 999 timesteps.");
        if (request.ReferencePrompt?.Trim().Length > MaxPromptLength)
            throw new ProjectRuleException($"The reference caption is limited to {MaxPromptLength} characters.");
        if (request.InitImage is not null && request.InitImageHash is not null)
            throw new ProjectRuleException("Give the init image once: upload it or reuse an earlier one, not both.");
        if (request.ControlImage is not null && request.ControlImageHash is not null)
            throw new ProjectRuleException("Give the control image once: upload it or reuse an earlier one, not both.");
    }

    private static bool InRange(double value, double min, double max, bool lowOpen = false) =>
        double.IsFinite(value) && (lowOpen ? value > min : value >= min) && value <= max;

    /// <summary>
    /// Characters (named by token in the prompt or chosen explicitly; they must belong to the project) and the init and
    /// control images (checked like uploads and stored as blobs, or reused from an earlier generation of the project).
    /// </summary>
    internal async Task<NewGeneration> AttachInputsAsync(NewGeneration generation, GenerationRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var characters = await db.Characters.AsNoTracking().Where(c => c.ProjectId == generation.ProjectId)
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.Token }).ToListAsync(cancellationToken);
        var chosen = request.CharacterIds ?? [];
        if (chosen.Any(id => characters.All(c => c.Id != id)))
            throw new ProjectRuleException("A chosen character is not in this project.");
        var texts = generation.Prompt + "\n" + generation.ReferencePrompt;
        var ids = characters.Where(c => chosen.Contains(c.Id) || texts.Contains(c.Token, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Id).ToList();
        if (ids.Count > MaxCharacters)
            throw new ProjectRuleException($"A generation can use at most {MaxCharacters} characters.");

        var recorder = new BlobRecorder(db, blobs, time);
        var init = await ImageHashAsync(db, recorder, generation.ProjectId, request.InitImage, request.InitImageHash, "init image", cancellationToken);
        var control = await ImageHashAsync(db, recorder, generation.ProjectId, request.ControlImage, request.ControlImageHash, "control image", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return generation with { CharacterIds = ids, InitImageHash = init, ControlImageHash = control };
    }

    private async Task<string?> ImageHashAsync(StudioDbContext db, BlobRecorder recorder, Guid projectId, byte[]? bytes, string? reuse,
        string what, CancellationToken cancellationToken)
    {
        if (reuse is not null)
        {
            // Only images this project already used: a hash from elsewhere must not reach another project's blobs.
            bool used = await db.Generations.AnyAsync(g => g.ProjectId == projectId && (g.InitImageHash == reuse || g.ControlImageHash == reuse), cancellationToken);
            return used ? reuse : throw new ProjectRuleException($"The {what} to reuse is not one this project used; upload it again.");
        }
        if (bytes is null) return null;
        InspectedImage inspected;
        try
        {
            inspector.CheckFileSize(bytes.Length);
            inspected = inspector.Inspect(bytes);
        }
        catch (ImageRejectedException e)
        {
            throw new ProjectRuleException($"The {what} cannot be used: {e.Message}.");
        }
        var blob = await blobs.PutAsync(new MemoryStream(bytes, writable: false), inspected.ContentType, cancellationToken);
        await recorder.RecordAsync(blob, cancellationToken);
        return blob.Hash;
    }

    /// <summary>
    /// Every setting of a generation the user may see, as a request that reproduces it (seed, characters and images
    /// included): the Generate page's <c>?reuse=</c>.
    /// </summary>
    /// <exception cref="ProjectNotFoundException">Not a member, or the generation is not in <paramref name="projectId"/>.</exception>
    public async Task<GenerationRequest> ReuseAsync(Guid projectId, Guid generationId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var g = await db.Generations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == generationId && x.ProjectId == projectId, cancellationToken)
            ?? throw new ProjectNotFoundException();
        // Rows from before the DreamTuner knobs were stored hold zeros there; they had no characters, so the knobs
        // never acted: offer the defaults instead of values the form would refuse.
        var knobs = g.CharacterIds.Count > 0 || g.ReferenceAttentionWeight > 0 ? g : new Generation
        {
            SubjectEncoderBeta = DreamTunerDefaults.Beta, ReferenceAttentionWeight = DreamTunerDefaults.WRefPhoto,
            ReferenceGuidance = DreamTunerDefaults.OmegaR, UseMask = true,
        };
        return new GenerationRequest
        {
            Prompt = g.Prompt, NegativePrompt = g.NegativePrompt, Steps = g.Steps, Scheduler = g.Scheduler, GuidanceScale = g.GuidanceScale,
            Seed = g.Seed, Width = g.Width, Height = g.Height, BatchSize = g.BatchSize, ModelId = g.ModelId,
            CharacterIds = [.. g.CharacterIds],
            InitImageHash = g.InitImageHash, InitStrength = g.InitStrength ?? 0.75,
            ControlImageHash = g.ControlImageHash, ControlType = g.ControlType ?? ControlType.Pose,
            ControlScale = g.ControlScale, ControlStart = g.ControlStart, ControlEnd = g.ControlEnd,
            SubjectEncoderBeta = knobs.SubjectEncoderBeta, ReferenceAttentionWeight = knobs.ReferenceAttentionWeight,
            ReferenceGuidance = knobs.ReferenceGuidance, ReferenceProbability = knobs.ReferenceProbability,
            ReferenceDeltaT = knobs.ReferenceDeltaT, ReferenceDeltaTPrime = knobs.ReferenceDeltaTPrime,
            ReferencePrompt = g.ReferencePrompt, UseMask = knobs.UseMask,
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
        g.RequestedById, g.CreatedAt, g.Images.OrderBy(i => i.BatchIndex).Select(i => i.Id).ToList(), g.Warnings));
}
