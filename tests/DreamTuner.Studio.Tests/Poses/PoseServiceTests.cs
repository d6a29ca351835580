using DreamTuner.Data.Poses;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Poses;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace DreamTuner.Studio.Tests.Poses;

/// <summary>The project pose library through <see cref="PoseService"/> and <see cref="PanelPoseService"/> against PostgreSQL.</summary>
public sealed class PoseServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Editor_saves_and_every_member_sees_the_pose_with_its_keypoints()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();
        var pose = PosePresets.Waving.Move(7, 640, 610);

        var saved = await poses.SaveAsync(w.ProjectId, w.Editor.Id, "  Hello there  ", pose);

        Assert.Equal("Hello there", saved.Name);
        Assert.Equal(w.Editor.UserName, saved.CreatedBy);
        var seen = Assert.Single(await poses.ListAsync(w.ProjectId, w.Viewer.Id));
        Assert.Equal((saved.Id, "Hello there"), (seen.Id, seen.Name));
        Assert.Equal(pose, seen.Pose);
        Assert.Equal(pose, (await poses.GetAsync(w.ProjectId, saved.Id, w.Owner.Id)).Pose);
    }

    [Fact]
    public async Task Viewer_can_neither_save_nor_delete_and_nothing_changes()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();
        var saved = await poses.SaveAsync(w.ProjectId, w.Owner.Id, "Standing", PosePresets.Standing);

        var e = await Assert.ThrowsAsync<ProjectForbiddenException>(() => poses.SaveAsync(w.ProjectId, w.Viewer.Id, "Mine", PosePresets.Sitting));
        Assert.Contains("save or delete poses", e.Message);
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => poses.SaveAsync(w.ProjectId, w.Viewer.Id, "Standing", PosePresets.Sitting, saved.Id));
        await Assert.ThrowsAsync<ProjectForbiddenException>(() => poses.DeleteAsync(w.ProjectId, saved.Id, w.Viewer.Id));

        var only = Assert.Single(await poses.ListAsync(w.ProjectId, w.Viewer.Id));
        Assert.Equal(PosePresets.Standing, only.Pose);
        Assert.NotEmpty(await poses.RenderAsync(w.ProjectId, saved.Id, w.Viewer.Id, 64, 64));
    }

    [Fact]
    public async Task Non_member_gets_not_found_for_every_action()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();
        var saved = await poses.SaveAsync(w.ProjectId, w.Owner.Id, "Standing", PosePresets.Standing);

        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.ListAsync(w.ProjectId, w.Stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.GetAsync(w.ProjectId, saved.Id, w.Stranger.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.RenderAsync(w.ProjectId, saved.Id, w.Stranger.Id, 64, 64));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.SaveAsync(w.ProjectId, w.Stranger.Id, "Mine", PosePresets.Sitting));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.DeleteAsync(w.ProjectId, saved.Id, w.Stranger.Id));
    }

    [Fact]
    public async Task A_pose_of_another_project_is_not_found_through_this_one()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var other = await scope.Get<ProjectService>().CreateAsync(w.Owner.Id, "Other", null);
        var poses = scope.Get<PoseService>();
        var elsewhere = await poses.SaveAsync(other.Id, w.Owner.Id, "Standing", PosePresets.Standing);

        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.GetAsync(w.ProjectId, elsewhere.Id, w.Owner.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.SaveAsync(w.ProjectId, w.Owner.Id, "Moved", PosePresets.Sitting, elsewhere.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.DeleteAsync(w.ProjectId, elsewhere.Id, w.Owner.Id));
        Assert.Equal(PosePresets.Standing, (await poses.GetAsync(other.Id, elsewhere.Id, w.Owner.Id)).Pose);
    }

    [Fact]
    public async Task Names_are_unique_per_project_regardless_of_case_but_free_in_another_project()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var other = await scope.Get<ProjectService>().CreateAsync(w.Owner.Id, "Other", null);
        var poses = scope.Get<PoseService>();
        var hero = await poses.SaveAsync(w.ProjectId, w.Editor.Id, "Hero landing", PosePresets.Standing);
        var wave = await poses.SaveAsync(w.ProjectId, w.Editor.Id, "Wave", PosePresets.Waving);

        var e = await Assert.ThrowsAsync<ProjectRuleException>(() => poses.SaveAsync(w.ProjectId, w.Owner.Id, "HERO LANDING ", PosePresets.Sitting));
        Assert.Contains("already has a pose called \"HERO LANDING\"", e.Message);
        // Renaming another pose onto the name is refused too; saving a pose under its own name is an update.
        await Assert.ThrowsAsync<ProjectRuleException>(() => poses.SaveAsync(w.ProjectId, w.Owner.Id, "hero landing", PosePresets.Waving, wave.Id));
        var updated = await poses.SaveAsync(w.ProjectId, w.Owner.Id, "Hero Landing", PosePresets.Sitting, hero.Id);
        Assert.Equal((hero.Id, "Hero Landing"), (updated.Id, updated.Name));
        await Assert.ThrowsAsync<ProjectRuleException>(() => poses.SaveAsync(w.ProjectId, w.Owner.Id, "   ", PosePresets.Sitting));

        await poses.SaveAsync(other.Id, w.Owner.Id, "Hero landing", PosePresets.Walking);
        var list = await poses.ListAsync(w.ProjectId, w.Viewer.Id);
        Assert.Equal(["Hero Landing", "Wave"], list.Select(p => p.Name));
        Assert.Equal(PosePresets.Sitting, list[0].Pose);
    }

    [Fact]
    public async Task Two_saves_of_one_new_name_at_once_leave_one_pose_and_refuse_the_other()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await poses.SaveAsync(w.ProjectId, w.Editor.Id, "Race", PosePresets.Standing.Move(4, 100 + i, 100));
                return true;
            }
            catch (ProjectRuleException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(ok => ok));
        Assert.Single(await poses.ListAsync(w.ProjectId, w.Owner.Id));
    }

    [Fact]
    public async Task Deleting_removes_the_pose_and_a_second_delete_is_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();
        var saved = await poses.SaveAsync(w.ProjectId, w.Editor.Id, "Gone soon", PosePresets.Walking);

        await poses.DeleteAsync(w.ProjectId, saved.Id, w.Editor.Id);

        Assert.Empty(await poses.ListAsync(w.ProjectId, w.Owner.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => poses.DeleteAsync(w.ProjectId, saved.Id, w.Owner.Id));
    }

    [Fact]
    public async Task The_rendered_control_image_is_a_png_of_the_asked_size_and_refuses_silly_sizes()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();
        var saved = await poses.SaveAsync(w.ProjectId, w.Editor.Id, "Walk", PosePresets.Walking);

        using var bitmap = SKBitmap.Decode(await poses.RenderAsync(w.ProjectId, saved.Id, w.Viewer.Id, 640, 384));
        Assert.Equal((640, 384), (bitmap.Width, bitmap.Height));
        var rgb = OpenPoseRenderer.Render(PosePresets.Walking, 640, 384);
        for (var i = 0; i < 640 * 384; i += 997)
        {
            var p = bitmap.GetPixel(i % 640, i / 640);
            Assert.Equal((rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]), (p.Red, p.Green, p.Blue));
        }
        await Assert.ThrowsAsync<ProjectRuleException>(() => poses.RenderAsync(w.ProjectId, saved.Id, w.Viewer.Id, 5000, 512));
    }

    [Fact]
    public async Task Using_a_pose_on_a_panel_stores_its_control_image_as_the_panels_pose_for_editors_only()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var poses = scope.Get<PoseService>();
        var boards = scope.Get<StoryboardService>();
        var panelPoses = scope.Get<PanelPoseService>();
        var saved = await poses.SaveAsync(w.ProjectId, w.Editor.Id, "Wave", PosePresets.Waving);
        var board = await boards.CreateAsync(w.ProjectId, w.Editor.Id, "Pilot", null);
        var panelId = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);

        await Assert.ThrowsAsync<ProjectForbiddenException>(() => panelPoses.UseAsync(w.ProjectId, board.Id, panelId, w.Viewer.Id, saved.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => panelPoses.UseAsync(w.ProjectId, board.Id, panelId, w.Stranger.Id, saved.Id));
        await panelPoses.UseAsync(w.ProjectId, board.Id, panelId, w.Editor.Id, saved.Id);

        var panel = Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id)).Panels);
        var expected = await poses.RenderAsync(w.ProjectId, saved.Id, w.Editor.Id, PanelPoseService.PanelSide, PanelPoseService.PanelSide);
        await using (var stored = scope.Get<DreamTuner.Data.Blobs.IBlobStore>().OpenRead(panel.PoseBlobHash!))
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.Equal(expected, copy.ToArray());
        }
        await using (var db = await scope.Get<IDbContextFactory<DreamTuner.Data.StudioDbContext>>().CreateDbContextAsync())
            Assert.True(await db.Blobs.AnyAsync(b => b.Hash == panel.PoseBlobHash));

        await panelPoses.UseAsync(w.ProjectId, board.Id, panelId, w.Owner.Id, null);
        Assert.Null(Assert.Single((await boards.GetAsync(w.ProjectId, board.Id, w.Viewer.Id)).Panels).PoseBlobHash);
    }
}
