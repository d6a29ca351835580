using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Api;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Generations;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Api;

/// <summary>The HTTP API with personal bearer tokens: token checks, create and read, and the caller's role in each project.</summary>
public sealed class StudioApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private HttpClient ClientWith(string? token)
    {
        var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Editor_creates_a_generation_and_reads_its_status_with_a_token()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "API", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        using var http = ClientWith(await scope.Get<ApiTokenService>().CreateAsync(editor.Id, TimeSpan.FromDays(1)));

        var created = await http.PostAsJsonAsync($"/api/projects/{project.Id}/generations",
            new { prompt = "a castle", scheduler = "euler", steps = 12, seed = 99, width = 640, height = 384 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Queued", body.GetProperty("status").GetString());
        Assert.Equal("euler", body.GetProperty("scheduler").GetString());
        Assert.Equal(99, body.GetProperty("seed").GetInt64());

        var status = await http.GetFromJsonAsync<JsonElement>(created.Headers.Location!);
        Assert.Equal(body.GetProperty("id").GetGuid(), status.GetProperty("id").GetGuid());
        Assert.Equal(12, status.GetProperty("progressTotal").GetInt32());

        var bad = await http.PostAsJsonAsync($"/api/projects/{project.Id}/generations", new { prompt = "x", width = 500 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badScheduler = await http.PostAsJsonAsync($"/api/projects/{project.Id}/generations", new { prompt = "x", scheduler = "lms" });
        Assert.Equal(HttpStatusCode.BadRequest, badScheduler.StatusCode);
    }

    [Fact]
    public async Task Roles_decide_viewer_reads_but_cannot_generate_and_stranger_gets_404()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var viewer = await scope.CreateUserAsync("viewer");
        var stranger = await scope.CreateUserAsync("stranger");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "API", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var png = TestImages.Read("chelsea.png");
        var imageId = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, project.Id, owner.Id, png);
        var tokens = scope.Get<ApiTokenService>();
        using var viewerHttp = ClientWith(await tokens.CreateAsync(viewer.Id, TimeSpan.FromDays(1)));
        using var strangerHttp = ClientWith(await tokens.CreateAsync(stranger.Id, TimeSpan.FromDays(1)));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewerHttp.PostAsJsonAsync($"/api/projects/{project.Id}/generations", new { prompt = "x" })).StatusCode);
        var images = await viewerHttp.GetFromJsonAsync<JsonElement>($"/api/projects/{project.Id}/images");
        Assert.Equal(imageId, images[0].GetProperty("id").GetGuid());
        Assert.Equal(png, await viewerHttp.GetByteArrayAsync($"/api/images/{imageId}"));

        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.PostAsJsonAsync($"/api/projects/{project.Id}/generations", new { prompt = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.GetAsync($"/api/projects/{project.Id}/images")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.GetAsync($"/api/images/{imageId}")).StatusCode);
    }

    [Fact]
    public async Task Missing_forged_and_revoked_tokens_get_401_and_cookies_do_not_open_the_api()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "API", null);
        var token = await scope.Get<ApiTokenService>().CreateAsync(owner.Id, TimeSpan.FromDays(1));
        var url = $"/api/projects/{project.Id}/images";

        using (var ok = ClientWith(token))
            Assert.Equal(HttpStatusCode.OK, (await ok.GetAsync(url)).StatusCode);
        using (var none = ClientWith(null))
            Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync(url)).StatusCode);
        using (var forged = ClientWith(token[..^4] + "AAAA"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(url)).StatusCode);

        using var cookie = StudioBrowserlessClient.Create(factory);
        await cookie.SignInAsync(owner.UserName!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.Http.GetAsync(url)).StatusCode);

        await scope.Get<ApiTokenService>().RevokeAllAsync(owner.Id);
        using (var revoked = ClientWith(token))
            Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task OpenApi_description_lists_the_endpoints()
    {
        using var http = ClientWith(null);
        var doc = await http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/projects/{projectId}/generations", doc);
        Assert.Contains("/api/images/{imageId}", doc);
    }
}
