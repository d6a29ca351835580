using System.Net;
using DreamTuner.Data.Poses;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Poses;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Poses;

/// <summary>"Use this pose": the Generate page's <c>?pose={savedPoseId}</c> link, as the pose library opens it.</summary>
public sealed class GeneratePagePoseHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Pose_link_opens_the_form_with_that_pose_as_its_pose_control_image_and_a_stranger_gets_no_pose()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Poses", null);
        var pose = await scope.Get<PoseService>().SaveAsync(project.Id, owner.Id, "Big wave", PosePresets.Waving);

        using var client = StudioBrowserlessClient.Create(factory);
        await client.SignInAsync(owner.UserName!);
        var page = await client.Http.GetAsync($"/projects/{project.Id}/generate?pose={pose.Id}");
        var unknown = await client.Http.GetStringAsync($"/projects/{project.Id}/generate?pose={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"control-image-name\"", html);
        Assert.Contains("Big wave", html);
        Assert.Contains("(512x512)", html);
        Assert.DoesNotContain("id=\"control-image-name\"", unknown);
        Assert.Contains("The pose was not found", unknown);
    }
}
