using System.Net;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Projects;

/// <summary>Project URLs over HTTP: members see the page; anyone else gets 404, exactly as for a project that does not exist.</summary>
public sealed class ProjectPageHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Member_gets_the_project_page_and_non_member_gets_404()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Secret Garden", null);

        using var ownerClient = StudioBrowserlessClient.Create(factory);
        await ownerClient.SignInAsync(owner.UserName!);
        var page = await ownerClient.Http.GetAsync($"/projects/{project.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Secret Garden", await page.Content.ReadAsStringAsync());

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignUpAsync(StudioBrowserlessClient.UniqueName("stranger"));
        var hidden = await stranger.Http.GetAsync($"/projects/{project.Id}");
        var missing = await stranger.Http.GetAsync($"/projects/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var hiddenHtml = await hidden.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Secret Garden", hiddenHtml);
        Assert.Contains("Not found", hiddenHtml);
    }

    [Fact]
    public async Task Character_image_is_served_to_members_only()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Cats", null);
        var png = TestImages.Read("chelsea.png");
        var character = await scope.Get<CharacterService>().CreateAsync(project.Id, owner.Id, new CharacterDraft("Chelsea", "cat", null), new MemoryStream(png));
        var url = $"/projects/{project.Id}/characters/{character.Id}/image";

        using var ownerClient = StudioBrowserlessClient.Create(factory);
        await ownerClient.SignInAsync(owner.UserName!);
        var image = await ownerClient.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync()); // the original, unaltered

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignUpAsync(StudioBrowserlessClient.UniqueName("stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{project.Id}/characters/{character.Id}")).StatusCode);

        using var anonymous = StudioBrowserlessClient.Create(factory);
        Assert.Equal(HttpStatusCode.Found, (await anonymous.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Viewer_sees_the_project_without_the_upload_form_or_invite_form()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Read Only", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);

        using var client = StudioBrowserlessClient.Create(factory);
        await client.SignInAsync(viewer.UserName!);
        var html = await (await client.Http.GetAsync($"/projects/{project.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("upload-readonly", html);
        Assert.DoesNotContain("character-upload", html);
        Assert.DoesNotContain("invite-form", html);
    }
}
