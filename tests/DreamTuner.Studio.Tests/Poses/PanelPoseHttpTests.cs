using System.Net;
using DreamTuner.Data.Poses;
using DreamTuner.Studio.Services.Poses;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Poses;

/// <summary>The panel's pose image (<c>/projects/{p}/storyboards/{s}/panels/{id}/pose.png</c>) and its thumbnail on the storyboard page.</summary>
public sealed class PanelPoseHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Members_get_the_panels_pose_image_and_see_its_thumbnail_a_stranger_and_a_poseless_panel_get_404()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var saved = await scope.Get<PoseService>().SaveAsync(w.ProjectId, w.Editor.Id, "Wave", PosePresets.Waving);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Editor.Id, "Pilot", null);
        var posed = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);
        var bare = await boards.AddPanelAsync(w.ProjectId, board.Id, w.Editor.Id);
        await scope.Get<PanelPoseService>().UseAsync(w.ProjectId, board.Id, posed, w.Editor.Id, saved.Id);
        var expected = await scope.Get<PoseService>().RenderAsync(w.ProjectId, saved.Id, w.Editor.Id, PanelPoseService.PanelSide, PanelPoseService.PanelSide);
        var url = $"/projects/{w.ProjectId}/storyboards/{board.Id}/panels/{posed}/pose.png";

        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);
        var image = await viewer.Http.GetAsync(url);
        var none = await viewer.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}/panels/{bare}/pose.png");
        var page = await viewer.Http.GetStringAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}");
        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignInAsync(w.Stranger.UserName!);
        var refused = await stranger.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains($"panels/{posed}/pose.png?v=", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"panels/{bare}/pose.png", page, StringComparison.Ordinal);
    }
}
