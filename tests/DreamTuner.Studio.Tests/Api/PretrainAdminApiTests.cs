using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Api;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Studio.Tests.Api;

/// <summary><c>/api/admin/pretrain-subject-encoder</c>: administrators enqueue pretraining and read its Hangfire state; nobody else can.</summary>
public sealed class PretrainAdminApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    private const string Url = "/api/admin/pretrain-subject-encoder";

    private static readonly object Body = new { modelId = "starter", datasetFolder = "pretrain-data", steps = 4, batchSize = 1, learningRate = 1e-4, seed = 7 };

    private HttpClient ClientWith(string token)
    {
        var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<StudioUser> AdministratorAsync(StudioScope scope)
    {
        var user = await scope.CreateUserAsync("admin");
        var roles = scope.Get<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(AccountService.AdministratorRole))
            await roles.CreateAsync(new IdentityRole<Guid>(AccountService.AdministratorRole));
        Assert.True((await scope.Get<UserManager<StudioUser>>().AddToRoleAsync(user, AccountService.AdministratorRole)).Succeeded);
        return user;
    }

    [Fact]
    public async Task An_administrator_gets_a_job_id_whose_state_and_request_can_be_read_back()
    {
        await using var scope = new StudioScope(factory.Services);
        var admin = await AdministratorAsync(scope);
        using var http = ClientWith(await scope.Get<ApiTokenService>().CreateAsync(admin.Id, TimeSpan.FromDays(1)));

        var created = await http.PostAsJsonAsync(Url, Body);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<ApiPretrainJobCreated>())!.JobId;
        Assert.False(string.IsNullOrEmpty(jobId));
        Assert.Equal($"{Url}/{jobId}", created.Headers.Location!.ToString());

        var state = await http.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal(jobId, state.GetProperty("jobId").GetString());
        Assert.Equal("Enqueued", state.GetProperty("state").GetString());
        Assert.Equal("pretrain-data", state.GetProperty("request").GetProperty("datasetFolder").GetString());
        Assert.Equal(4, state.GetProperty("request").GetProperty("steps").GetInt32());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("progress").ValueKind);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Url}/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{Url}/not-a-job")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync(Url, new { modelId = "starter", datasetFolder = "d", steps = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await http.PostAsJsonAsync(Url, new { modelId = "starter", datasetFolder = "d", outputName = "../escape.safetensors" })).StatusCode);
    }

    [Fact]
    public async Task A_user_who_is_not_administrator_is_refused_both_starting_and_reading()
    {
        await using var scope = new StudioScope(factory.Services);
        var admin = await AdministratorAsync(scope);
        var user = await scope.CreateUserAsync("user");
        var tokens = scope.Get<ApiTokenService>();
        using var adminHttp = ClientWith(await tokens.CreateAsync(admin.Id, TimeSpan.FromDays(1)));
        using var userHttp = ClientWith(await tokens.CreateAsync(user.Id, TimeSpan.FromDays(1)));
        var jobId = (await (await adminHttp.PostAsJsonAsync(Url, Body)).Content.ReadFromJsonAsync<ApiPretrainJobCreated>())!.JobId;

        Assert.Equal(HttpStatusCode.Forbidden, (await userHttp.PostAsJsonAsync(Url, Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userHttp.GetAsync($"{Url}/{jobId}")).StatusCode);
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync(Url, Body)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_both_endpoints()
    {
        using var http = factory.CreateClient();
        var doc = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.GetProperty(Url).TryGetProperty("post", out _));
        Assert.True(paths.GetProperty(Url + "/{jobId}").TryGetProperty("get", out _));
    }
}
