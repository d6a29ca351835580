using System.Net;
using DreamTuner.Studio.Services.Storyboards;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Collaboration;

/// <summary>The image review, storyboards and storyboard pages over HTTP: members see them (Viewers without edit controls), anyone else gets 404.</summary>
public sealed class CollaborationPageHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Image_review_page_is_for_members_and_shows_a_viewer_comments_but_no_verdict_buttons()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var url = $"/projects/{w.ProjectId}/images/{w.ImageId}/review";

        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);
        var page = await viewer.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("comment-input", html);
        Assert.Contains("review-readonly", html);
        Assert.DoesNotContain("dt-verdict-approve", html);

        using var editor = StudioBrowserlessClient.Create(factory);
        await editor.SignInAsync(w.Editor.UserName!);
        Assert.Contains("dt-verdict-approve", await (await editor.Http.GetAsync(url)).Content.ReadAsStringAsync());

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignInAsync(w.Stranger.UserName!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Storyboard_pages_are_for_members_and_only_editors_get_edit_controls()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var boards = scope.Get<StoryboardService>();
        var board = await boards.CreateAsync(w.ProjectId, w.Owner.Id, "Pilot", null);
        await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);
        await boards.AddPanelAsync(w.ProjectId, board.Id, w.Owner.Id);

        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);
        var list = await (await viewer.Http.GetAsync($"/projects/{w.ProjectId}/storyboards")).Content.ReadAsStringAsync();
        Assert.Contains("Pilot", list);
        Assert.DoesNotContain("create-storyboard", list);
        var viewerBoard = await (await viewer.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("Panel 2", viewerBoard);
        Assert.DoesNotContain("dt-move-up", viewerBoard);

        using var editor = StudioBrowserlessClient.Create(factory);
        await editor.SignInAsync(w.Editor.UserName!);
        var editorBoard = await (await editor.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("dt-move-up", editorBoard);
        Assert.Contains("add-panel", editorBoard);

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignInAsync(w.Stranger.UserName!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{w.ProjectId}/storyboards/{board.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{w.ProjectId}/storyboards")).StatusCode);
    }
}
