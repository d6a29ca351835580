using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services.Collaboration;
using DreamTuner.Studio.Services.Feed;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Storyboards;

/// <summary>
/// Storyboards and their ordered panels: every member reads them, Editors and Owners edit. Changes of order (insert,
/// move, delete) lock the storyboard row first, so two people reordering at once are applied one after the other and
/// the numbering stays 0..n-1. Panel text is saved with the panel's xmin: a save over someone else's is refused.
/// </summary>
public sealed class StoryboardService(
    IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, CollaborationBroadcaster broadcaster, TimeProvider time, StoryboardDeletionQueue deletions)
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;

    public async Task<IReadOnlyList<StoryboardSummary>> ListAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        var hidden = deletions.HiddenIn(projectId);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Storyboards.AsNoTracking()
            .Where(s => s.ProjectId == projectId && !hidden.Contains(s.Id))
            .OrderByDescending(s => s.UpdatedAt)
            .Select(s => new StoryboardSummary(s.Id, s.Title, s.Description, s.Panels.Count, s.UpdatedAt, s.Version))
            .ToListAsync(cancellationToken);
    }

    public async Task<StoryboardSummary> CreateAsync(Guid projectId, Guid userId, string title, string? description, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        var name = CheckTitle(title);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var board = new Storyboard { ProjectId = projectId, Title = name, Description = Clean(description), CreatedAt = now, UpdatedAt = now };
        db.Storyboards.Add(board);
        ActivityLog.Add(db, projectId, userId, ActivityKind.StoryboardCreated, $"Created storyboard \"{name}\"", now, nameof(Storyboard), board.Id);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(projectId, board.Id, userId);
        return new StoryboardSummary(board.Id, board.Title, board.Description, 0, now);
    }

    public async Task<StoryboardDetails> GetAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        if (deletions.IsHidden(storyboardId))
            throw new ProjectNotFoundException();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var board = await db.Storyboards.AsNoTracking()
            .Where(s => s.Id == storyboardId && s.ProjectId == projectId)
            .Select(s => new { s.Id, s.Title, s.Description, s.UpdatedAt, s.Version })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
        var rows = await db.Panels.AsNoTracking()
            .Where(p => p.StoryboardId == storyboardId)
            .OrderBy(p => p.OrderIndex).ThenBy(p => p.CreatedAt)
            .Select(p => new
            {
                p.Id, p.OrderIndex, p.ShotDescription, p.Dialogue, p.PoseBlobHash, p.UpdatedAt, p.Version,
                Characters = p.Characters.OrderBy(c => c.Name).Select(c => new PanelCharacter(c.Id, c.Name)).ToList(),
                Chosen = p.ChosenImage == null ? null
                    : new PanelTake(p.ChosenImage.Id, p.ChosenImage.Generation!.Prompt, p.ChosenImage.Width, p.ChosenImage.Height),
                Takes = p.Versions.OrderByDescending(v => v.ChosenAt)
                    .Select(v => new PanelTake(v.ImageId, v.Image!.Generation!.Prompt, v.Image.Width, v.Image.Height)).ToList(),
                // "Render panel" results: the images of generations made for this panel, newest first.
                Rendered = db.Images.Where(i => i.Generation!.PanelId == p.Id).OrderByDescending(i => i.CreatedAt).ThenBy(i => i.BatchIndex)
                    .Select(i => new PanelTake(i.Id, i.Generation!.Prompt, i.Width, i.Height)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var panels = rows.Select(r => new PanelDetails(
                r.Id, r.OrderIndex, r.ShotDescription, r.Dialogue, r.Characters, r.PoseBlobHash, r.Chosen,
                [.. r.Rendered.Concat(r.Takes).Where(t => t.ImageId != r.Chosen?.ImageId).DistinctBy(t => t.ImageId)], r.UpdatedAt, r.Version))
            .ToList();
        return new StoryboardDetails(board.Id, projectId, board.Title, board.Description, panels, board.UpdatedAt, board.Version);
    }

    /// <summary>
    /// Renames a storyboard (Editors, Owners) if nobody changed it since <paramref name="expectedVersion"/> was read
    /// (its xmin; panel inserts, moves and deletes touch it too); otherwise <see cref="StoryboardConflictException"/>.
    /// </summary>
    public async Task RenameAsync(
        Guid projectId, Guid storyboardId, Guid userId, string title, string? description, uint expectedVersion, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        var name = CheckTitle(title);
        if (deletions.IsHidden(storyboardId))
            throw new ProjectNotFoundException();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var board = await db.Storyboards.SingleOrDefaultAsync(s => s.Id == storyboardId && s.ProjectId == projectId, cancellationToken)
            ?? throw new ProjectNotFoundException();
        db.Entry(board).Property(s => s.Version).OriginalValue = expectedVersion;
        var old = board.Title;
        board.Title = name;
        board.Description = Clean(description);
        board.UpdatedAt = time.GetUtcNow();
        var summary = old == name ? $"Edited the description of storyboard \"{name}\"" : $"Renamed storyboard \"{old}\" to \"{name}\"";
        ActivityLog.Add(db, projectId, userId, ActivityKind.StoryboardUpdated, summary, board.UpdatedAt, nameof(Storyboard), storyboardId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StoryboardConflictException();
        }

        await PublishAsync(projectId, storyboardId, userId);
    }

    /// <summary>
    /// Deletes a storyboard (Editors, Owners) with an undo window: it disappears from every list at once and its row,
    /// panels and panel history are removed when the window ends (<see cref="StoryboardDeletionQueue"/>).
    /// </summary>
    public async Task DeleteAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var title = await db.Storyboards.AsNoTracking().Where(s => s.Id == storyboardId && s.ProjectId == projectId)
                .Select(s => s.Title).SingleOrDefaultAsync(cancellationToken) ?? throw new ProjectNotFoundException();
            if (!deletions.Schedule(projectId, storyboardId))
                throw new ProjectNotFoundException();
            ActivityLog.Add(db, projectId, userId, ActivityKind.StoryboardDeleted, $"Deleted storyboard \"{title}\"", time.GetUtcNow(), nameof(Storyboard), storyboardId);
            await db.SaveChangesAsync(cancellationToken);
        }

        await PublishAsync(projectId, storyboardId, userId);
    }

    /// <summary>Undo of <see cref="DeleteAsync"/>: true when the storyboard is back, false when the window had already ended.</summary>
    public async Task<bool> UndoDeleteAsync(Guid projectId, Guid storyboardId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        if (!deletions.HiddenIn(projectId).Contains(storyboardId) || !deletions.Cancel(storyboardId))
            return false;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            ActivityLog.Add(db, projectId, userId, ActivityKind.StoryboardUpdated, "Brought back a deleted storyboard", time.GetUtcNow(), nameof(Storyboard), storyboardId);
            await db.SaveChangesAsync(cancellationToken);
        }

        await PublishAsync(projectId, storyboardId, userId);
        return true;
    }

    /// <summary>Inserts an empty panel at <paramref name="index"/> (clamped; the end when null); later panels move one down.</summary>
    public async Task<Guid> AddPanelAsync(Guid projectId, Guid storyboardId, Guid userId, int? index = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        var now = time.GetUtcNow();
        var panel = new Panel { StoryboardId = storyboardId, CreatedAt = now, UpdatedAt = now };
        await ReorderAsync(projectId, storyboardId, userId, panels =>
        {
            var at = Math.Clamp(index ?? panels.Count, 0, panels.Count);
            panels.Insert(at, panel);
            return (ActivityKind.PanelAdded, $"Added panel {at + 1}");
        }, added: panel, cancellationToken: cancellationToken);
        return panel.Id;
    }

    /// <summary>Moves a panel to <paramref name="newIndex"/> (clamped); the others close up around it.</summary>
    public Task MovePanelAsync(Guid projectId, Guid storyboardId, Guid panelId, Guid userId, int newIndex, CancellationToken cancellationToken = default)
        => ReorderAsync(projectId, storyboardId, userId, panels =>
        {
            var panel = panels.SingleOrDefault(p => p.Id == panelId) ?? throw new ProjectNotFoundException();
            var from = panels.IndexOf(panel);
            var to = Math.Clamp(newIndex, 0, panels.Count - 1);
            panels.RemoveAt(from);
            panels.Insert(to, panel);
            return (ActivityKind.PanelMoved, $"Moved panel {from + 1} to {to + 1}");
        }, cancellationToken: cancellationToken);

    public Task DeletePanelAsync(Guid projectId, Guid storyboardId, Guid panelId, Guid userId, CancellationToken cancellationToken = default)
        => ReorderAsync(projectId, storyboardId, userId, panels =>
        {
            var panel = panels.SingleOrDefault(p => p.Id == panelId) ?? throw new ProjectNotFoundException();
            var at = panels.IndexOf(panel);
            panels.RemoveAt(at);
            return (ActivityKind.PanelDeleted, $"Deleted panel {at + 1}");
        }, removedId: panelId, cancellationToken: cancellationToken);

    /// <summary>
    /// Saves a panel's text and cast if nobody saved it since <paramref name="expectedVersion"/> was read; otherwise
    /// <see cref="PanelConflictException"/> and nothing is written.
    /// </summary>
    public async Task UpdatePanelAsync(
        Guid projectId, Guid storyboardId, Guid panelId, Guid userId, PanelEdit edit, uint expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.Include(p => p.Characters)
            .SingleOrDefaultAsync(p => p.Id == panelId && p.StoryboardId == storyboardId && p.Storyboard!.ProjectId == projectId, cancellationToken)
            ?? throw new ProjectNotFoundException();
        var wanted = edit.CharacterIds.Distinct().ToList();
        var characters = await db.Characters.Where(c => c.ProjectId == projectId && wanted.Contains(c.Id)).ToListAsync(cancellationToken);
        if (characters.Count != wanted.Count)
            throw new ProjectRuleException("A character of the panel is not in this project.");

        db.Entry(panel).Property(p => p.Version).OriginalValue = expectedVersion;
        panel.ShotDescription = Clean(edit.ShotDescription);
        panel.Dialogue = Clean(edit.Dialogue);
        panel.Characters.RemoveAll(c => !wanted.Contains(c.Id));
        panel.Characters.AddRange(characters.Where(c => panel.Characters.All(have => have.Id != c.Id)));
        // Always written, so the row (and its xmin) changes even when only the cast changed.
        panel.UpdatedAt = time.GetUtcNow();
        var order = panel.OrderIndex + 1;
        ActivityLog.Add(db, projectId, userId, ActivityKind.PanelEdited, $"Edited panel {order}", panel.UpdatedAt, nameof(Storyboard), storyboardId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PanelConflictException();
        }

        await PublishAsync(projectId, storyboardId, userId);
    }

    /// <summary>Makes an approved image of the project (or one rendered for the panel) the panel's take and records who chose it in the panel's history.</summary>
    public async Task ChooseTakeAsync(Guid projectId, Guid storyboardId, Guid panelId, Guid userId, Guid imageId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels
            .SingleOrDefaultAsync(p => p.Id == panelId && p.StoryboardId == storyboardId && p.Storyboard!.ProjectId == projectId, cancellationToken)
            ?? throw new ProjectNotFoundException();
        if (!await db.Images.AnyAsync(i => i.Id == imageId && i.Generation!.ProjectId == projectId, cancellationToken))
            throw new ProjectNotFoundException();
        // A take rendered for this very panel needs no approval: rendering it was the request.
        if (!await db.Images.AnyAsync(i => i.Id == imageId && i.Generation!.PanelId == panelId, cancellationToken)
            && !await db.Reviews.AnyAsync(r => r.ImageId == imageId && r.Verdict == ReviewVerdict.Approve, cancellationToken))
            throw new ProjectRuleException("Only an approved image can be a panel's take: approve it first.");

        var now = time.GetUtcNow();
        panel.ChosenImageId = imageId;
        panel.UpdatedAt = now;
        db.PanelVersions.Add(new PanelVersion { PanelId = panelId, ImageId = imageId, ChosenById = userId, ChosenAt = now });
        ActivityLog.Add(db, projectId, userId, ActivityKind.PanelImageChosen, $"Chose a take for panel {panel.OrderIndex + 1}", now, nameof(Storyboard), storyboardId);
        // The take is a deliberate choice, not an edit of text: the last choice wins and the history keeps both.
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(projectId, storyboardId, userId);
    }

    /// <summary>The panel's takes, newest first, each with the job and settings that made it and who chose it.</summary>
    public async Task<IReadOnlyList<PanelVersionInfo>> HistoryAsync(Guid projectId, Guid panelId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (!await db.Panels.AnyAsync(p => p.Id == panelId && p.Storyboard!.ProjectId == projectId, cancellationToken))
            throw new ProjectNotFoundException();
        return await db.PanelVersions.AsNoTracking()
            .Where(v => v.PanelId == panelId)
            .OrderByDescending(v => v.ChosenAt).ThenByDescending(v => v.Id)
            .Select(v => new PanelVersionInfo(v.ImageId, v.ChosenBy == null ? "deleted user" : v.ChosenBy.UserName ?? "", v.ChosenAt,
                v.Image!.GenerationId, v.Image.Generation!.Prompt, v.Image.Seed, v.Image.Generation.Scheduler, v.Image.Generation.Steps,
                v.Image.Generation.GuidanceScale, v.Image.Generation.ModelId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The project's images that at least one reviewer approved: what a panel's take can be.</summary>
    public async Task<IReadOnlyList<PanelTake>> ApprovedImagesAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Images.AsNoTracking()
            .Where(i => i.Generation!.ProjectId == projectId && i.Reviews.Any(r => r.Verdict == ReviewVerdict.Approve))
            .OrderByDescending(i => i.CreatedAt)
            .Take(200)
            .Select(i => new PanelTake(i.Id, i.Generation!.Prompt, i.Width, i.Height))
            .ToListAsync(cancellationToken);
    }

    private async Task ReorderAsync(
        Guid projectId, Guid storyboardId, Guid userId, Func<List<Panel>, (ActivityKind Kind, string Summary)> change,
        Panel? added = null, Guid? removedId = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.EditStoryboards, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var board = await db.Storyboards
            .FromSqlInterpolated($"""SELECT *, xmin FROM "Storyboards" WHERE "Id" = {storyboardId} FOR UPDATE""")
            .SingleOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken) ?? throw new ProjectNotFoundException();
        var panels = await db.Panels.Where(p => p.StoryboardId == storyboardId)
            .OrderBy(p => p.OrderIndex).ThenBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        var (kind, summary) = change(panels);
        if (added is not null)
            db.Panels.Add(added);
        if (removedId is { } removed)
            db.Panels.Remove(await db.Panels.SingleAsync(p => p.Id == removed, cancellationToken));
        // Renumber only the panels whose place changed, so the others' xmin (and their editors' saves) are left alone.
        for (var i = 0; i < panels.Count; i++)
        {
            if (panels[i].OrderIndex != i || ReferenceEquals(panels[i], added))
                panels[i].OrderIndex = i;
        }

        var now = time.GetUtcNow();
        board.UpdatedAt = now;
        ActivityLog.Add(db, projectId, userId, kind, summary, now, nameof(Storyboard), storyboardId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(projectId, storyboardId, userId);
    }

    private async Task PublishAsync(Guid projectId, Guid storyboardId, Guid userId)
    {
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Storyboard, projectId, StoryboardId: storyboardId, ActorId: userId));
        await broadcaster.PublishAsync(new CollaborationChange(CollaborationChangeKind.Activity, projectId, ActorId: userId));
    }

    private static string CheckTitle(string? title)
    {
        var name = (title ?? "").Trim();
        return name.Length is 0 or > MaxTitleLength
            ? throw new ProjectRuleException($"A storyboard needs a title of 1 to {MaxTitleLength} characters.")
            : name;
    }

    private static string? Clean(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
            return null;
        return t.Length > MaxTextLength ? throw new ProjectRuleException($"Panel and storyboard texts have at most {MaxTextLength} characters.") : t;
    }
}
