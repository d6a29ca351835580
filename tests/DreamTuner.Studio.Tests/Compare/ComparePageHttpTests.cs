using System.Net;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Generations;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Compare;

/// <summary>The compare page over HTTP (prerendered): every role sees it, Viewers without reuse links, anyone else and foreign images get 404.</summary>
public sealed class ComparePageHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Every_member_sees_the_takes_and_the_diff_and_only_generators_get_reuse_links()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var second = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Editor.Id, TestImages.Png(64, 64), g => g.Seed = 8);
        var url = $"/projects/{w.ProjectId}/compare?images={w.ImageId},{second}";

        foreach (var (user, canGenerate) in new[] { (w.Owner, true), (w.Editor, true), (w.Viewer, false) })
        {
            using var client = StudioBrowserlessClient.Create(factory);
            await client.SignInAsync(user.UserName!);
            var page = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains($"take-{w.ImageId}", html);
            Assert.Contains($"take-{second}", html);
            Assert.Contains("data-setting=\"Seed\"", html);
            Assert.Equal(canGenerate, html.Contains("generate?reuse=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Non_members_and_images_of_another_project_get_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var second = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Owner.Id, TestImages.Png(64, 64));
        var elsewhere = await scope.Get<ProjectService>().CreateAsync(w.Owner.Id, "Elsewhere", null);
        var foreign = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, elsewhere.Id, w.Owner.Id, TestImages.Png(64, 64));

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignInAsync(w.Stranger.UserName!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{w.ProjectId}/compare?images={w.ImageId},{second}")).StatusCode);

        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Http.GetAsync($"/projects/{w.ProjectId}/compare?images={w.ImageId},{foreign}")).StatusCode);

        using var anonymous = StudioBrowserlessClient.Create(factory);
        Assert.Equal(HttpStatusCode.Found, (await anonymous.Http.GetAsync($"/projects/{w.ProjectId}/compare?images={w.ImageId},{second}")).StatusCode);
    }

    [Fact]
    public async Task One_image_or_a_malformed_list_explains_what_to_choose_instead_of_failing()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        using var viewer = StudioBrowserlessClient.Create(factory);
        await viewer.SignInAsync(w.Viewer.UserName!);

        var one = await viewer.Http.GetAsync($"/projects/{w.ProjectId}/compare?images={w.ImageId}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("Choose 2 to 4 images to compare.", await one.Content.ReadAsStringAsync());
        var junk = await (await viewer.Http.GetAsync($"/projects/{w.ProjectId}/compare?images=nope,{w.ImageId}")).Content.ReadAsStringAsync();
        Assert.Contains("compare-error", junk);
    }
}
