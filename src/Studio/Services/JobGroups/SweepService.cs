using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// Parameter sweeps from the Generate page: the form's settings with two knobs varied over a grid, every cell with the
/// same seed so the knobs are the only difference, queued as one job group. <see cref="SweepGridService"/> composes the
/// labelled grid when the cells have ended.
/// </summary>
public sealed class SweepService(
    IDbContextFactory<StudioDbContext> dbs, ProjectAccess access, GenerationService generations, JobGroupService groups)
{
    /// <exception cref="ProjectRuleException">The plan or a cell's settings are out of range; the message names them.</exception>
    public async Task<JobGroupInfo> QueueAsync(Guid projectId, Guid userId, GenerationRequest request, SweepPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        await access.RequireAsync(projectId, userId, ProjectPermission.Generate, cancellationToken);
        if (plan.Problem() is { } problem)
            throw new ProjectRuleException(problem);
        // One image per cell and one seed for all: otherwise the grid would compare noise, not knobs.
        var fixedRequest = request with { Seed = request.Seed ?? GenerationService.RandomSeed(), BatchSize = 1 };
        var cells = new List<NewGeneration>();
        foreach (var row in plan.Rows.Values)
            foreach (var column in plan.Columns.Values)
            {
                var cell = SweepKnobs.With(SweepKnobs.With(fixedRequest, plan.Columns.Knob, column), plan.Rows.Knob, row);
                cells.Add(generations.Validate(projectId, userId, cell));
            }
        var inputs = await generations.AttachInputsAsync(cells[0], fixedRequest, cancellationToken);
        var requests = cells.Select(c => c with
        {
            CharacterIds = inputs.CharacterIds, InitImageHash = inputs.InitImageHash, ControlImageHash = inputs.ControlImageHash,
        }).ToList();
        var title = $"Sweep {SweepKnobs.Label(plan.Columns.Knob)} × {SweepKnobs.Label(plan.Rows.Knob)}: {cells[0].Prompt}";
        var group = new JobGroup
        {
            ProjectId = projectId, Kind = JobGroupKind.Sweep, RequestedById = userId, SweepJson = plan.ToJson(),
            Title = title.Length <= 300 ? title : title[..299] + "…",
        };
        return await groups.QueueAsync(group, requests, cancellationToken);
    }

    /// <summary>The sweep's cells in grid order (row by row), with their state, image and score.</summary>
    public async Task<IReadOnlyList<SweepCellInfo>> CellsAsync(Guid projectId, Guid groupId, Guid userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectPermission.View, cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var json = await db.JobGroups.AsNoTracking().Where(g => g.Id == groupId && g.ProjectId == projectId && g.Kind == JobGroupKind.Sweep)
            .Select(g => g.SweepJson).SingleOrDefaultAsync(cancellationToken);
        if (json is null)
            throw new ProjectNotFoundException();
        var plan = SweepPlan.FromJson(json);
        var rows = await db.Generations.AsNoTracking().Where(g => g.GroupId == groupId).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var images = await db.Images.AsNoTracking().Where(i => ids.Contains(i.GenerationId) && i.BatchIndex == 0)
            .Select(i => new { i.GenerationId, i.Id, Ratings = i.Reviews.Where(r => r.Rating > 0).Select(r => r.Rating).ToList() })
            .ToListAsync(cancellationToken);
        var cells = new List<SweepCellInfo>();
        foreach (var g in rows)
        {
            if (plan.CellOf(g) is not { } cell)
                continue;
            var (column, row) = cell;
            var image = images.SingleOrDefault(i => i.GenerationId == g.Id);
            var ratings = image?.Ratings ?? [];
            cells.Add(new SweepCellInfo(column, row,
                SweepKnobs.Label(plan.Columns.Knob, plan.Columns.Values[column]), SweepKnobs.Label(plan.Rows.Knob, plan.Rows.Values[row]),
                g.Id, g.Status, image?.Id, ratings.Count == 0 ? null : ratings.Average(), ratings.Count));
        }
        return [.. cells.OrderBy(c => c.Row).ThenBy(c => c.Column)];
    }
}
