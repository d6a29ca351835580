using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services.Collaboration;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// Storyboard rendering: "Render panel" and "Re-render all panels of a character" queue one job group each, one
/// generation per panel from its shot description, characters and pose. A generation remembers its panel, so its
/// images are the panel's takes once it succeeds. With the panel's continuity setting on, the previous panel's chosen
/// take goes along as an extra DreamTuner reference.
/// </summary>
public sealed class PanelRenderService(
    IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, GenerationService generations, JobGroupService groups,
    CollaborationBroadcaster broadcaster)
{
    /// <summary>Queues the takes of one panel as a group of one generation.</summary>
    /// <exception cref="ProjectRuleException">The panel has nothing to render from, or a setting is out of range.</exception>
    public async Task<JobGroupInfo> RenderPanelAsync(
        Guid projectId, Guid storyboardId, Guid panelId, Guid userId, PanelRenderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var board = await db.Storyboards.AsNoTracking().Where(s => s.Id == storyboardId && s.ProjectId == projectId)
            .Select(s => new { s.Title }).SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        var panels = await PanelsAsync(db, projectId, p => p.StoryboardId == storyboardId, cancellationToken);
        var panel = panels.SingleOrDefault(p => p.Id == panelId) ?? throw new ProjectNotFoundException();
        var seed = options.Seed ?? GenerationService.RandomSeed();
        var request = Request(projectId, userId, panel, panels, options, seed);
        var group = new JobGroup
        {
            ProjectId = projectId, Kind = JobGroupKind.PanelRender, RequestedById = userId, StoryboardId = storyboardId,
            Title = Shorten($"Render panel {panel.OrderIndex + 1} of {board.Title}"),
        };
        return await groups.QueueAsync(group, [request], cancellationToken);
    }

    /// <summary>
    /// Queues one generation for every panel the character appears in (of one storyboard, or of the whole project
    /// when <paramref name="storyboardId"/> is null), as one group: after retraining, the storyboard catches up.
    /// </summary>
    /// <exception cref="ProjectRuleException">No panel has the character.</exception>
    public async Task<JobGroupInfo> RerenderCharacterAsync(
        Guid projectId, Guid characterId, Guid userId, Guid? storyboardId, PanelRenderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var name = await db.Characters.AsNoTracking().Where(c => c.Id == characterId && c.ProjectId == projectId)
            .Select(c => c.Name).SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        if (storyboardId is { } only && !await db.Storyboards.AnyAsync(s => s.Id == only && s.ProjectId == projectId, cancellationToken))
            throw new ProjectNotFoundException();
        // Whole storyboards are read, so each panel's previous panel is known even when it lacks the character.
        var storyboards = db.Panels.Where(p => p.Characters.Any(c => c.Id == characterId)).Select(p => p.StoryboardId);
        var panels = await PanelsAsync(db, projectId,
            p => storyboards.Contains(p.StoryboardId) && (storyboardId == null || p.StoryboardId == storyboardId), cancellationToken);
        var targets = panels.Where(p => p.Characters.Any(c => c.Id == characterId)).ToList();
        if (targets.Count == 0)
            throw new ProjectRuleException($"No panel shows {name} yet: add {name} to a panel's characters first.");

        var seed = options.Seed ?? GenerationService.RandomSeed();
        var requests = targets.Select(p => Request(projectId, userId, p, panels, options, seed)).ToList();
        var group = new JobGroup
        {
            ProjectId = projectId, Kind = JobGroupKind.CharacterRerender, RequestedById = userId, CharacterId = characterId,
            StoryboardId = storyboardId, Title = Shorten($"Re-render {targets.Count} panel{(targets.Count == 1 ? "" : "s")} of {name}"),
        };
        return await groups.QueueAsync(group, requests, cancellationToken);
    }

    /// <summary>Turns the panel's continuity setting on or off (Editors and Owners).</summary>
    public async Task SetUsePreviousTakeAsync(Guid projectId, Guid storyboardId, Guid panelId, Guid userId, bool use, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            int rows = await db.Panels.Where(p => p.Id == panelId && p.StoryboardId == storyboardId && p.Storyboard!.ProjectId == projectId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.UsePreviousTakeAsReference, use), cancellationToken);
            if (rows == 0)
                throw new ProjectNotFoundException();
        }
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Storyboard, projectId, StoryboardId: storyboardId, ActorId: userId));
    }

    /// <summary>Which panels of the storyboard render with the previous panel's take as an extra reference.</summary>
    public async Task<IReadOnlySet<Guid>> PanelsUsingPreviousTakeAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ids = await db.Panels.AsNoTracking()
            .Where(p => p.StoryboardId == storyboardId && p.Storyboard!.ProjectId == projectId && p.UsePreviousTakeAsReference)
            .Select(p => p.Id).ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }

    private NewGeneration Request(Guid projectId, Guid userId, PanelRow panel, IReadOnlyList<PanelRow> all, PanelRenderOptions options, long seed)
    {
        var prompt = PanelPrompt.Build(panel.ShotDescription, panel.Characters.Select(c => c.Token))
            ?? throw new ProjectRuleException($"Panel {panel.OrderIndex + 1} has no shot description and no characters: describe the shot first.");
        var generation = generations.Validate(projectId, userId, new GenerationRequest
        {
            Prompt = prompt, Seed = seed, BatchSize = options.Takes, Steps = options.Steps, Width = options.Width, Height = options.Height,
            ModelId = options.ModelId,
        });
        string? previousTake = null;
        if (panel.UsePreviousTakeAsReference)
        {
            // The panel before it in the same storyboard, by the order people see.
            previousTake = all.Where(p => p.StoryboardId == panel.StoryboardId && p.Position < panel.Position)
                .OrderByDescending(p => p.Position).FirstOrDefault()?.ChosenTakeHash;
        }
        return generation with
        {
            CharacterIds = [.. panel.Characters.Select(c => c.Id)],
            // The seam for panel poses: a panel's pose image is its ControlNet layout.
            ControlImageHash = panel.PoseBlobHash,
            ControlType = panel.PoseBlobHash is null ? null : ControlType.Pose,
            PanelId = panel.Id,
            ExtraReferenceHash = previousTake,
        };
    }

    private static async Task<List<PanelRow>> PanelsAsync(
        StudioDbContext db, Guid projectId, System.Linq.Expressions.Expression<Func<Panel, bool>> filter, CancellationToken cancellationToken)
    {
        var rows = await db.Panels.AsNoTracking()
            .Where(p => p.Storyboard!.ProjectId == projectId)
            .Where(filter)
            .OrderBy(p => p.StoryboardId).ThenBy(p => p.OrderIndex).ThenBy(p => p.CreatedAt)
            .Select(p => new
            {
                p.Id, p.StoryboardId, p.OrderIndex, p.ShotDescription, p.PoseBlobHash, p.UsePreviousTakeAsReference,
                ChosenTakeHash = p.ChosenImage == null ? null : p.ChosenImage.BlobHash,
                Characters = p.Characters.OrderBy(c => c.CreatedAt).Select(c => new PanelCast(c.Id, c.Token)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select((r, i) => new PanelRow(r.Id, r.StoryboardId, r.OrderIndex, i, r.ShotDescription, r.PoseBlobHash,
            r.UsePreviousTakeAsReference, r.ChosenTakeHash, r.Characters))];
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..299] + "…";

    private sealed record PanelCast(Guid Id, string Token);

    /// <param name="Position">Place in the query's order (storyboard, order index, creation), so ties in OrderIndex still have a "previous".</param>
    private sealed record PanelRow(
        Guid Id, Guid StoryboardId, int OrderIndex, int Position, string? ShotDescription, string? PoseBlobHash, bool UsePreviousTakeAsReference,
        string? ChosenTakeHash, IReadOnlyList<PanelCast> Characters);
}
