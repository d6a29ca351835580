using System.Net;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Generations;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Reviews;

/// <summary>The image page's large view over HTTP: the take beside its characters' references, settings, download, reuse for generators.</summary>
public sealed class ImagePageLargeViewHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task The_take_is_shown_beside_the_reference_of_its_character_with_download_and_reuse_only_for_generators()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var fox = await scope.Get<CharacterService>().CreateAsync(
            w.ProjectId, w.Owner.Id, new CharacterDraft("Fox", "fox", null), new MemoryStream(TestImages.Png(64, 64)));
        var take = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Owner.Id, TestImages.Png(64, 64),
            g => g.CharacterIds = [fox.Id]);
        var url = $"/projects/{w.ProjectId}/images/{take}/review";

        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);
        var page = await viewer.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("image-references", html);
        Assert.Contains($"characters/{fox.Id}/image", html);
        Assert.Contains($"images/{take}?download=true", html);
        Assert.Contains("data-setting=\"Characters\"", html);
        Assert.DoesNotContain("image-reuse", html);

        using var editor = StudioBrowserlessClient.Create(factory);
        await editor.SignInAsync(w.Editor.UserName!);
        Assert.Contains("image-reuse", await (await editor.Http.GetAsync(url)).Content.ReadAsStringAsync());

        // A plain text-to-image take has no references to show.
        Assert.DoesNotContain("image-references", await (await viewer.Http.GetAsync($"/projects/{w.ProjectId}/images/{w.ImageId}/review")).Content.ReadAsStringAsync());
    }
}
