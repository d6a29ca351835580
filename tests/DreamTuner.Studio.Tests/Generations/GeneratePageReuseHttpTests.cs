using System.Net;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Generations;

/// <summary>The Generate page's <c>?reuse={generationId}</c> link, as the gallery's "Reuse settings" button opens it.</summary>
public sealed class GeneratePageReuseHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Reuse_link_opens_the_form_filled_with_that_generations_prompt_and_seed_and_the_character_chips()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Reuse", null);
        var rex = await scope.Get<CharacterService>().CreateAsync(project.Id, owner.Id, new CharacterDraft("Rexford", "dog", null), new MemoryStream(TestImages.Png(64, 64)));
        var generation = await scope.Get<GenerationService>().SubmitAsync(project.Id, owner.Id,
            new GenerationRequest { Prompt = $"{rex.Token} guarding a lighthouse", Seed = 31415926, Steps = 17 });

        using var client = StudioBrowserlessClient.Create(factory);
        await client.SignInAsync(owner.UserName!);
        var page = await client.Http.GetAsync($"/projects/{project.Id}/generate?reuse={generation.Id}");
        var fresh = await client.Http.GetStringAsync($"/projects/{project.Id}/generate");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("[S1*] guarding a lighthouse", html);
        Assert.Contains("31415926", html);
        Assert.Contains("value=\"17\"", html);
        Assert.Contains("Rexford", html);
        // Without ?reuse= the form (which comes before the list of my generations) starts empty with a new seed.
        Assert.DoesNotContain("31415926", fresh.Split("id=\"generations\"")[0]);
    }
}
