using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.JobGroups;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.JobGroups;

/// <summary>Parameter sweeps through <see cref="SweepService"/> and their grids through <see cref="SweepGridService"/> (no engine).</summary>
public sealed class SweepServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private static readonly GenerationRequest Base = new() { Prompt = "a fox in the snow", Seed = 99, Width = 64, Height = 64, Steps = 4, BatchSize = 3 };

    private static readonly SweepPlan BetaByWRef = new(new SweepAxis(SweepKnob.Beta, [0.1, 0.2, 0.4]), new SweepAxis(SweepKnob.WRef, [2, 3]));

    [Fact]
    public async Task A_three_by_two_sweep_queues_one_group_of_six_single_images_with_one_seed_and_the_knobs_of_each_cell()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);

        var group = await scope.Get<SweepService>().QueueAsync(w.ProjectId, w.Editor.Id, Base, BetaByWRef);

        Assert.Equal((JobGroupKind.Sweep, 6, "Sweep β × w_ref: a fox in the snow"), (group.Kind, group.Total, group.Title));
        var rows = await EngineStandIn.GroupAsync(scope, group.Id);
        Assert.All(rows, g => Assert.Equal((99L, 1, JobStatus.Queued), (g.Seed, g.BatchSize, g.Status)));
        Assert.Equal([(0.1, 2.0), (0.1, 3.0), (0.2, 2.0), (0.2, 3.0), (0.4, 2.0), (0.4, 3.0)],
            rows.Select(g => (g.SubjectEncoderBeta, g.ReferenceAttentionWeight)).Order());
        var cells = await scope.Get<SweepService>().CellsAsync(w.ProjectId, group.Id, w.Viewer.Id);
        Assert.Equal(["β = 0.1 / w_ref = 2", "β = 0.2 / w_ref = 2", "β = 0.4 / w_ref = 2", "β = 0.1 / w_ref = 3", "β = 0.2 / w_ref = 3", "β = 0.4 / w_ref = 3"],
            cells.Select(c => $"{c.ColumnLabel} / {c.RowLabel}"));
        Assert.All(cells, c =>
        {
            var g = rows.Single(r => r.Id == c.GenerationId);
            Assert.Equal((BetaByWRef.Columns.Values[c.Column], BetaByWRef.Rows.Values[c.Row]), (g.SubjectEncoderBeta, g.ReferenceAttentionWeight));
        });
    }

    [Fact]
    public async Task Plans_with_one_knob_twice_too_few_or_too_many_values_or_out_of_range_values_are_refused_and_queue_nothing()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var sweeps = scope.Get<SweepService>();

        Task Refused(SweepPlan plan) => Assert.ThrowsAsync<ProjectRuleException>(() => sweeps.QueueAsync(w.ProjectId, w.Editor.Id, Base, plan));
        await Refused(new SweepPlan(new SweepAxis(SweepKnob.Beta, [0.1, 0.2]), new SweepAxis(SweepKnob.Beta, [0.3, 0.4])));
        await Refused(new SweepPlan(new SweepAxis(SweepKnob.Beta, [0.1]), new SweepAxis(SweepKnob.PR, [0.3, 0.4])));
        await Refused(new SweepPlan(new SweepAxis(SweepKnob.Beta, [0.1, 0.2, 0.3, 0.4, 0.5]), new SweepAxis(SweepKnob.PR, [0.3, 0.4])));
        await Refused(new SweepPlan(new SweepAxis(SweepKnob.Beta, [0.1, 0.1]), new SweepAxis(SweepKnob.PR, [0.3, 0.4])));
        var range = await Assert.ThrowsAsync<ProjectRuleException>(() => sweeps.QueueAsync(w.ProjectId, w.Editor.Id, Base,
            new SweepPlan(new SweepAxis(SweepKnob.OmegaR, [1, 2]), new SweepAxis(SweepKnob.PR, [0.5, 1.5]))));
        Assert.Contains("p_r", range.Message);
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => sweeps.QueueAsync(w.ProjectId, w.Viewer.Id, Base, BetaByWRef));
        Assert.Empty(await scope.Get<JobGroupService>().ListAsync(w.ProjectId, w.Owner.Id));
    }

    [Fact]
    public async Task When_every_cell_ended_the_grid_is_stored_once_as_a_gallery_image_and_cells_keep_their_own_images_and_scores()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var plan = new SweepPlan(new SweepAxis(SweepKnob.OmegaR, [1, 2]), new SweepAxis(SweepKnob.PR, [0.5, 0.9]));
        var group = await scope.Get<SweepService>().QueueAsync(w.ProjectId, w.Editor.Id, Base, plan);
        // In grid order (the rows' creation times can tie: PostgreSQL keeps microseconds).
        var rows = await scope.Get<SweepService>().CellsAsync(w.ProjectId, group.Id, w.Editor.Id);
        var grids = scope.Get<SweepGridService>();
        SKColor[] colours = [SKColors.Red, SKColors.Lime, SKColors.Blue];
        for (int i = 0; i < 3; i++)
            await EngineStandIn.SucceedAsync(scope, rows[i].GenerationId, EngineStandIn.SolidPng(64, 64, colours[i]));

        Assert.Null(await grids.ComposeIfDoneAsync(group.Id));
        await EngineStandIn.FailAsync(scope, rows[3].GenerationId);
        var gridId = await grids.ComposeIfDoneAsync(group.Id);

        Assert.NotNull(gridId);
        Assert.Equal(gridId, await grids.ComposeIfDoneAsync(group.Id));
        var info = await scope.Get<JobGroupService>().GetAsync(w.ProjectId, group.Id, w.Viewer.Id);
        Assert.Equal((gridId, 4, 3, 1), (info.GridImageId, info.Done, info.Succeeded, info.Failed));
        await using var db = await scope.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var grid = await db.Images.AsNoTracking().Include(i => i.Generation).SingleAsync(i => i.Id == gridId);
        Assert.Equal(1, await db.Images.CountAsync(i => i.Generation!.Prompt.StartsWith("Grid of ") && i.Generation.ProjectId == w.ProjectId));
        Assert.Equal(("Grid of " + group.Title, JobStatus.Succeeded, (Guid?)null), (grid.Generation!.Prompt, grid.Generation.Status, grid.Generation.GroupId));
        Assert.Contains("columns ω_r = 1, ω_r = 2; rows p_r = 0.5, p_r = 0.9", grid.Metadata);
        using (var png = SKBitmap.Decode(await ReadAsync(scope, grid.BlobHash)))
        {
            Assert.Equal((grid.Width, grid.Height), (png.Width, png.Height));
            Assert.True(png.Width > 2 * 160 && png.Height > 2 * 160);
            // The cells sit left to right, top to bottom: red, lime / blue, grey (failed) in the bottom-right corner.
            int right = png.Width - 8 - 80, bottom = png.Height - 8 - 80;
            Assert.Equal(SKColors.Blue, png.GetPixel(right - 164, bottom));
            Assert.Equal(new SKColor(0xDD, 0xDD, 0xDD), png.GetPixel(right + 70, bottom + 70));
            Assert.Equal(SKColors.Lime, png.GetPixel(right, bottom - 164));
        }

        var gallery = await scope.Get<GalleryService>().ListAsync(w.ProjectId, w.Viewer.Id, new GalleryFilter());
        Assert.Contains(gallery, i => i.Id == gridId);
        var cells = await scope.Get<SweepService>().CellsAsync(w.ProjectId, group.Id, w.Viewer.Id);
        Assert.All(cells.Take(3), c => Assert.Contains(gallery, i => i.Id == c.ImageId));
        Assert.Equal([JobStatus.Succeeded, JobStatus.Succeeded, JobStatus.Succeeded, JobStatus.Failed], cells.Select(c => c.Status));
        await scope.Get<Services.Reviews.ReviewService>().SetAsync(w.ProjectId, cells[1].ImageId!.Value, w.Owner.Id, ReviewVerdict.Approve, 4);
        await scope.Get<Services.Reviews.ReviewService>().SetAsync(w.ProjectId, cells[1].ImageId!.Value, w.Editor.Id, ReviewVerdict.Approve, 5);
        var scored = await scope.Get<SweepService>().CellsAsync(w.ProjectId, group.Id, w.Viewer.Id);
        Assert.Equal((4.5, 2), (scored[1].AverageRating, scored[1].Ratings));
        Assert.Null(scored[0].AverageRating);
    }

    [Fact]
    public async Task A_sweep_cancelled_before_any_image_gets_no_grid()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var group = await scope.Get<SweepService>().QueueAsync(w.ProjectId, w.Editor.Id, Base, BetaByWRef);

        Assert.Equal(6, await scope.Get<JobGroupService>().CancelAllAsync(w.ProjectId, group.Id, w.Editor.Id));

        Assert.Null(await scope.Get<SweepGridService>().ComposeIfDoneAsync(group.Id));
        Assert.DoesNotContain(group.Id, await scope.Get<SweepGridService>().PendingGridsAsync(100));
    }

    private static async Task<byte[]> ReadAsync(StudioScope scope, string hash)
    {
        await using var stream = scope.Get<Data.Blobs.IBlobStore>().OpenRead(hash);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
