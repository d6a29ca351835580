using System.Text.Json;
using System.Text.RegularExpressions;
using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services;

/// <summary>
/// Starting, watching and cancelling a character's fine-tunes for pages and the HTTP API. Every call checks the
/// caller's role first (non-members get <see cref="ProjectNotFoundException"/>, Viewers may look but not start).
/// Starts share the generation submission limit: both put work on the same engines.
/// </summary>
public sealed partial class FineTuneService(
    IDbContextFactory<StudioDbContext> dbs,
    ProjectAccess access,
    FineTuneDispatcher dispatcher,
    GenerationRateLimiter rateLimiter,
    TimeProvider time)
{
    public const int MaxSteps = 5000;
    public const int MaxRank = 128;
    public const int MaxRegularImages = 64;
    public const double MaxLearningRate = 0.1;
    public const int MaxModelIdLength = 200;

    /// <summary>Steps between checkpoints a restarted engine resumes from, and between validation images.</summary>
    public const int CheckpointEvery = 50;
    public const int ValidationEvery = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int StepsOf(FineTunePreset preset) => preset switch
    {
        FineTunePreset.Quick => 300,
        FineTunePreset.Standard => 800,
        FineTunePreset.Thorough => 1200,
        _ => throw new ProjectRuleException("Choose a preset: quick, standard or thorough."),
    };

    /// <summary>Queues a fine-tune of the character. Order: role, character, settings, one at a time, rate limit.</summary>
    /// <exception cref="ProjectRuleException">A setting is out of range, or the character is already being fine-tuned.</exception>
    /// <exception cref="GenerationRateLimitedException">The user submits too often; the message says when to retry.</exception>
    public async Task<FineTuneInfo> StartAsync(Guid projectId, Guid characterId, Guid userId, FineTuneRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.RequireAsync(projectId, userId, ProjectPermission.FineTune, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var character = await db.Characters.AsNoTracking().Where(c => c.Id == characterId && c.ProjectId == projectId)
            .Select(c => new { c.Name }).SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        var parameters = Validate(request);
        if (await db.FineTunes.AnyAsync(f => f.CharacterId == characterId && (f.Status == JobStatus.Queued || f.Status == JobStatus.Running), cancellationToken))
            throw new ProjectRuleException($"\"{character.Name}\" is already being fine-tuned; wait for it or cancel it first.");
        rateLimiter.Acquire(userId);

        var row = await dispatcher.EnqueueAsync(new NewFineTune(characterId, userId, parameters), cancellationToken);
        db.Activities.Add(new Activity
        {
            ProjectId = projectId, UserId = userId, Kind = ActivityKind.FineTuneQueued,
            Summary = $"Queued fine-tuning of \"{character.Name}\" ({parameters.Steps} steps, {parameters.Mode})",
            EntityType = nameof(FineTune), EntityId = row.Id, At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(row.Id, userId, cancellationToken);
    }

    /// <summary>One fine-tune, for any member of its project; anyone else gets <see cref="ProjectNotFoundException"/>.</summary>
    public async Task<FineTuneInfo> GetAsync(Guid fineTuneId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var projectId = await db.FineTunes.AsNoTracking().Where(f => f.Id == fineTuneId).Select(f => (Guid?)f.Character!.ProjectId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        var rows = await Load(db.FineTunes.Where(f => f.Id == fineTuneId), cancellationToken);
        return rows.Count == 1 ? rows[0] : throw new ProjectNotFoundException();
    }

    /// <summary>The character's fine-tunes, newest first (members).</summary>
    public async Task<IReadOnlyList<FineTuneInfo>> ListForCharacterAsync(Guid projectId, Guid characterId, Guid userId,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (!await db.Characters.AnyAsync(c => c.Id == characterId && c.ProjectId == projectId, cancellationToken))
            throw new ProjectNotFoundException();
        return await Load(db.FineTunes.Where(f => f.CharacterId == characterId).OrderByDescending(f => f.CreatedAt), cancellationToken);
    }

    /// <summary>Cancels a queued or running fine-tune: its requester may, and so may an Owner. False when it already ended.</summary>
    public async Task<bool> CancelAsync(Guid projectId, Guid fineTuneId, Guid userId, CancellationToken cancellationToken = default)
    {
        var role = await access.RequireAsync(projectId, userId, ProjectPermission.FineTune, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var row = await db.FineTunes.AsNoTracking()
                .Where(f => f.Id == fineTuneId && f.Character!.ProjectId == projectId)
                .Select(f => new { f.RequestedById })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
            if (row.RequestedById != userId && role != ProjectRole.Owner)
                throw new ProjectRuleException("Only the person who started a fine-tune, or an Owner, can cancel it.");
        }
        return await dispatcher.CancelAsync(fineTuneId, cancellationToken);
    }

    /// <summary>The preset with the overrides applied, checked against the limits.</summary>
    /// <exception cref="ProjectRuleException">The message names the setting and its allowed range.</exception>
    public static FineTuneParameters Validate(FineTuneRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Preset))
            throw new ProjectRuleException("Choose a preset: quick, standard or thorough.");
        var mode = (request.Mode ?? FineTuneParameters.LoraMode).Trim().ToLowerInvariant();
        if (mode is not (FineTuneParameters.LoraMode or FineTuneParameters.FullMode))
            throw new ProjectRuleException("The mode is \"lora\" or \"full\".");
        int steps = request.Steps ?? StepsOf(request.Preset);
        if (steps < 1 || steps > MaxSteps)
            throw new ProjectRuleException($"Steps must be between 1 and {MaxSteps}.");
        if (request.LearningRate is { } lr && (!double.IsFinite(lr) || lr <= 0 || lr > MaxLearningRate))
            throw new ProjectRuleException($"The learning rate must be above 0 and at most {MaxLearningRate}.");
        if (request.Rank is < 1 or > MaxRank)
            throw new ProjectRuleException($"The LoRA rank must be between 1 and {MaxRank}.");
        if (request.RegularImages is < 1 or > MaxRegularImages)
            throw new ProjectRuleException($"Regular images must be between 1 and {MaxRegularImages}.");
        if (request.Seed is < 0)
            throw new ProjectRuleException("The seed must not be negative.");
        var modelId = string.IsNullOrWhiteSpace(request.ModelId) ? NewGeneration.DefaultModelId : request.ModelId.Trim();
        if (modelId.Length > MaxModelIdLength || !ModelIdPattern().IsMatch(modelId) || modelId.Split('/').Any(part => part is "" or "." or ".."))
            throw new ProjectRuleException("The model id is a folder name under the models root (letters, digits, '.', '_', '-', '/').");
        var defaults = new FineTuneParameters();
        return defaults with
        {
            ModelId = modelId,
            Mode = mode,
            Steps = steps,
            LearningRate = request.LearningRate,
            Rank = request.Rank ?? defaults.Rank,
            RegularImages = request.RegularImages ?? defaults.RegularImages,
            Seed = request.Seed ?? GenerationService.RandomSeed(),
            CheckpointEvery = Math.Min(CheckpointEvery, steps),
            ValidationEvery = ValidationEvery,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex ModelIdPattern();

    private static async Task<List<FineTuneInfo>> Load(IQueryable<FineTune> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().Select(f => new
        {
            f.Id, f.CharacterId, f.Character!.ProjectId, f.Status, f.ParametersJson, f.ProgressStep, f.ProgressTotal, f.LossHistoryJson,
            f.Error, f.ArtifactHash, Active = f.Character.ActiveFineTuneId == f.Id, f.RequestedById, f.CreatedAt, f.StartedAt, f.FinishedAt,
        }).ToListAsync(cancellationToken);
        return rows.Select(r => new FineTuneInfo(
            r.Id, r.CharacterId, r.ProjectId, r.Status, ParseParameters(r.ParametersJson), r.ProgressStep, r.ProgressTotal,
            ParseLosses(r.LossHistoryJson), r.Error, r.ArtifactHash, r.Active, r.RequestedById, r.CreatedAt, r.StartedAt, r.FinishedAt)).ToList();
    }

    private static FineTuneParameters ParseParameters(string json)
    {
        try
        {
            return FineTuneParameters.FromJson(json);
        }
        catch (JsonException)
        {
            return new FineTuneParameters();
        }
    }

    private static IReadOnlyList<FineTuneLossPoint> ParseLosses(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<FineTuneLossPoint>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
