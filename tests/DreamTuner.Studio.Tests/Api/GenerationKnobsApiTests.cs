using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Api;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Tests.Api;

/// <summary>The create-generation endpoint's characters, images and DreamTuner knobs.</summary>
public sealed class GenerationKnobsApiTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task The_api_accepts_characters_images_and_dreamtuner_knobs_and_refuses_bad_ones()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "API knobs", null);
        var rex = await scope.Get<CharacterService>().CreateAsync(project.Id, owner.Id, new CharacterDraft("Rex", "dog", null), new MemoryStream(TestImages.Png(64, 64)));
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await scope.Get<ApiTokenService>().CreateAsync(owner.Id, TimeSpan.FromDays(1)));
        var url = $"/api/projects/{project.Id}/generations";

        var created = await http.PostAsJsonAsync(url, new
        {
            prompt = $"{rex.Token} dog in a park", seed = 5, controlImage = Convert.ToBase64String(TestImages.Png(32, 32)), controlType = "depth",
            controlScale = 0.5, beta = 0.4, wRef = 2.5, omegaR = 5, pr = 0.8, deltaT = 10, deltaTPrime = 30, useMask = false,
            referencePrompt = "a dog",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ApiGeneration>())!.Id;
        await using (var db = factory.Database.CreateContext())
        {
            var row = await db.Generations.AsNoTracking().SingleAsync(g => g.Id == id);
            Assert.Equal([rex.Id], row.CharacterIds);
            Assert.Equal((ControlType.Depth, 0.5), (row.ControlType, row.ControlScale));
            Assert.NotNull(row.ControlImageHash);
            Assert.Equal((0.4, 2.5, 5.0, 0.8, 10.0, 30.0, false, "a dog"), (row.SubjectEncoderBeta, row.ReferenceAttentionWeight, row.ReferenceGuidance,
                row.ReferenceProbability, row.ReferenceDeltaT, row.ReferenceDeltaTPrime, row.UseMask, row.ReferencePrompt));
        }

        var badType = await http.PostAsJsonAsync(url, new { prompt = "x", controlType = "sketchy" });
        var badPr = await http.PostAsJsonAsync(url, new { prompt = "x", pr = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPr.StatusCode);
        Assert.Contains("p_r", await badPr.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_description_documents_the_new_fields()
    {
        using var http = factory.CreateClient();

        var doc = await http.GetStringAsync("/openapi/v1.json");

        foreach (var field in new[] { "characterIds", "initImage", "initStrength", "controlImage", "controlType", "beta", "wRef", "omegaR", "pr", "deltaT", "deltaTPrime", "useMask" })
            Assert.Contains($"\"{field}\"", doc);
        Assert.Contains("3.0 photos, 2.5 anime", doc);
    }
}
