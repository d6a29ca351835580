using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Api;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Api;

/// <summary>The fine-tune endpoints: start with a preset and overrides, read status and loss history, and the caller's role.</summary>
public sealed class FineTuneApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private HttpClient ClientWith(string token)
    {
        var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Editor_starts_a_fine_tune_viewer_reads_it_but_gets_403_on_start_and_stranger_gets_404()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var editor = await scope.CreateUserAsync("editor");
        var viewer = await scope.CreateUserAsync("viewer");
        var stranger = await scope.CreateUserAsync("stranger");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "API", null);
        var members = scope.Get<ProjectMemberService>();
        await members.InviteAsync(project.Id, owner.Id, editor.UserName!, ProjectRole.Editor);
        await members.InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var character = await scope.Get<CharacterService>().CreateAsync(project.Id, owner.Id, new CharacterDraft("Chelsea", "cat", null),
            new MemoryStream(TestImages.Read("chelsea.png")));
        var tokens = scope.Get<ApiTokenService>();
        using var editorHttp = ClientWith(await tokens.CreateAsync(editor.Id, TimeSpan.FromDays(1)));
        using var viewerHttp = ClientWith(await tokens.CreateAsync(viewer.Id, TimeSpan.FromDays(1)));
        using var strangerHttp = ClientWith(await tokens.CreateAsync(stranger.Id, TimeSpan.FromDays(1)));
        var url = $"/api/projects/{project.Id}/characters/{character.Id}/fine-tunes";

        Assert.Equal(HttpStatusCode.Forbidden, (await viewerHttp.PostAsJsonAsync(url, new { preset = "quick" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.PostAsJsonAsync(url, new { preset = "quick" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editorHttp.PostAsJsonAsync(url, new { preset = "forever" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editorHttp.PostAsJsonAsync(url, new { preset = "quick", rank = 0 })).StatusCode);

        var created = await editorHttp.PostAsJsonAsync(url, new { preset = "thorough", mode = "full", seed = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Queued", body.GetProperty("status").GetString());
        Assert.Equal(1200, body.GetProperty("progressTotal").GetInt32());
        Assert.Equal("full", body.GetProperty("mode").GetString());
        Assert.Equal(5, body.GetProperty("seed").GetInt64());

        var status = await viewerHttp.GetFromJsonAsync<JsonElement>(created.Headers.Location!);
        Assert.Equal(body.GetProperty("id").GetGuid(), status.GetProperty("id").GetGuid());
        Assert.Equal(0, status.GetProperty("progressStep").GetInt32());
        Assert.Equal(0, status.GetProperty("lossHistory").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        Assert.Equal(1, (await viewerHttp.GetFromJsonAsync<JsonElement>(url)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.GetAsync(created.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerHttp.GetAsync(url)).StatusCode);

        // One run per character at a time.
        Assert.Equal(HttpStatusCode.BadRequest, (await editorHttp.PostAsJsonAsync(url, new { preset = "quick" })).StatusCode);
    }

    [Fact]
    public async Task OpenApi_description_lists_the_fine_tune_endpoints()
    {
        using var http = factory.CreateClient();
        var doc = await http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/projects/{projectId}/characters/{characterId}/fine-tunes", doc);
        Assert.Contains("/api/fine-tunes/{fineTuneId}", doc);
        Assert.Contains("StartFineTune", doc);
    }
}
