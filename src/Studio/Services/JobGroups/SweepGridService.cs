using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// Turns a finished sweep into its labelled grid: once no cell is queued or running and at least one succeeded, the
/// cells' images are composed (<see cref="SweepGridComposer"/>) and stored as a gallery image of its own, under a
/// generation row of its own that names the sweep (the gallery lists generations' images). The sweep's row is locked
/// while doing so, so two studio instances never store two grids.
/// </summary>
public sealed class SweepGridService(
    IDbContextFactory<StudioDbContext> dbs, IBlobStore blobs, SweepGridComposer composer, GalleryEvents gallery, TimeProvider time)
{
    /// <returns>The grid image's id; null while cells are still pending, or when none succeeded.</returns>
    public async Task<Guid?> ComposeIfDoneAsync(Guid groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.JobGroups.FromSqlInterpolated($"""SELECT *, xmin FROM "JobGroups" WHERE "Id" = {groupId} FOR UPDATE""")
            .SingleOrDefaultAsync(cancellationToken);
        if (group is not { Kind: JobGroupKind.Sweep, SweepJson: { } json } || group.GridImageId is not null)
            return group?.GridImageId;
        var rows = await db.Generations.AsNoTracking().Include(g => g.Images).Where(g => g.GroupId == groupId).ToListAsync(cancellationToken);
        if (rows.Any(g => g.Status is JobStatus.Queued or JobStatus.Running) || rows.All(g => g.Status != JobStatus.Succeeded))
            return null;

        var plan = SweepPlan.FromJson(json);
        var cells = new SweepGridCell[plan.Columns.Values.Count * plan.Rows.Values.Count];
        foreach (var g in rows)
        {
            if (plan.CellOf(g) is not { } at)
                continue;
            var image = g.Images.OrderBy(i => i.BatchIndex).FirstOrDefault();
            cells[at.Row * plan.Columns.Values.Count + at.Column] = image is null
                ? new SweepGridCell(null, g.Status.ToString().ToLowerInvariant())
                : await ReadAsync(image.BlobHash, cancellationToken);
        }
        for (int i = 0; i < cells.Length; i++)
            cells[i] ??= new SweepGridCell(null, "missing");

        var grid = composer.Compose(
            SweepKnobs.Label(plan.Columns.Knob), [.. plan.Columns.Values.Select(v => SweepKnobs.Label(plan.Columns.Knob, v))],
            SweepKnobs.Label(plan.Rows.Knob), [.. plan.Rows.Values.Select(v => SweepKnobs.Label(plan.Rows.Knob, v))],
            cells);
        var blob = await new BlobRecorder(db, blobs, time).StoreAsync(new MemoryStream(grid.Png, writable: false), "image/png", cancellationToken);

        var now = time.GetUtcNow();
        var first = rows.OrderBy(g => g.CreatedAt).First();
        var holder = new Generation
        {
            ProjectId = group.ProjectId, RequestedById = group.RequestedById, Prompt = "Grid of " + group.Title, NegativePrompt = first.NegativePrompt,
            Seed = first.Seed, Scheduler = first.Scheduler, Steps = first.Steps, GuidanceScale = first.GuidanceScale,
            Width = grid.Width, Height = grid.Height, ModelId = first.ModelId, CharacterIds = [.. first.CharacterIds],
            SubjectEncoderBeta = first.SubjectEncoderBeta, ReferenceAttentionWeight = first.ReferenceAttentionWeight,
            ReferenceGuidance = first.ReferenceGuidance, ReferenceProbability = first.ReferenceProbability, UseMask = first.UseMask,
            ReferenceDeltaT = first.ReferenceDeltaT, ReferenceDeltaTPrime = first.ReferenceDeltaTPrime,
            Status = JobStatus.Succeeded, ProgressStep = first.Steps, ProgressTotal = first.Steps,
            CreatedAt = now, StartedAt = now, FinishedAt = now,
        };
        var gridImage = new Image
        {
            GenerationId = holder.Id, BatchIndex = 0, BlobHash = blob.Hash, Width = grid.Width, Height = grid.Height, Seed = first.Seed,
            Metadata = $"Sweep grid: columns {string.Join(", ", plan.Columns.Values.Select(v => SweepKnobs.Label(plan.Columns.Knob, v)))}; "
                + $"rows {string.Join(", ", plan.Rows.Values.Select(v => SweepKnobs.Label(plan.Rows.Knob, v)))}; seed {first.Seed}",
            CreatedAt = now,
        };
        db.Generations.Add(holder);
        db.Images.Add(gridImage);
        group.GridImageId = gridImage.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        gallery.Publish(group.ProjectId);
        return gridImage.Id;
    }

    /// <summary>Sweeps whose cells all ended, at least one with an image, that have no grid yet (oldest first).</summary>
    public async Task<IReadOnlyList<Guid>> PendingGridsAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.JobGroups.AsNoTracking()
            .Where(g => g.Kind == JobGroupKind.Sweep && g.GridImageId == null)
            .Where(g => !db.Generations.Any(x => x.GroupId == g.Id && (x.Status == JobStatus.Queued || x.Status == JobStatus.Running)))
            .Where(g => db.Generations.Any(x => x.GroupId == g.Id && x.Status == JobStatus.Succeeded))
            .OrderBy(g => g.CreatedAt).Select(g => g.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>A cell's image; one deleted from the blob store meanwhile is a "missing" cell, not a grid that never comes.</summary>
    private async Task<SweepGridCell> ReadAsync(string hash, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = blobs.OpenRead(hash);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return new SweepGridCell(copy.ToArray());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SweepGridCell(null, "missing");
        }
    }
}
