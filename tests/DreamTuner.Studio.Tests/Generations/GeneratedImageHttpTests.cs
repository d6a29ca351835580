using System.Net;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Generations;

/// <summary>Generated images over HTTP and in the gallery: every member sees them, anyone else gets 404.</summary>
public sealed class GeneratedImageHttpTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Generated_image_is_served_to_members_only_and_listed_in_the_gallery()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Foxes", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);
        var png = TestImages.Read("chelsea.png");
        var imageId = await StoreGeneratedImageAsync(scope, project.Id, owner.Id, png);
        var url = $"/projects/{project.Id}/images/{imageId}";

        using var viewerClient = StudioBrowserlessClient.Create(factory);
        await viewerClient.SignInAsync(viewer.UserName!);
        var image = await viewerClient.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        var gallery = await viewerClient.Http.GetAsync($"/projects/{project.Id}/gallery");
        Assert.Equal(HttpStatusCode.OK, gallery.StatusCode);
        Assert.Contains(url.TrimStart('/'), await gallery.Content.ReadAsStringAsync());

        using var stranger = StudioBrowserlessClient.Create(factory);
        await stranger.SignUpAsync(StudioBrowserlessClient.UniqueName("stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{project.Id}/gallery")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/projects/{project.Id}/generate")).StatusCode);

        // The image id under another project of the owner's is not found either.
        var other = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Other", null);
        using var ownerClient = StudioBrowserlessClient.Create(factory);
        await ownerClient.SignInAsync(owner.UserName!);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.Http.GetAsync($"/projects/{other.Id}/images/{imageId}")).StatusCode);

        using var anonymous = StudioBrowserlessClient.Create(factory);
        Assert.Equal(HttpStatusCode.Found, (await anonymous.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Viewer_gets_the_generate_page_with_the_forbidden_message_and_no_form()
    {
        await using var scope = new StudioScope(factory.Services);
        var owner = await scope.CreateUserAsync("owner");
        var viewer = await scope.CreateUserAsync("viewer");
        var project = await scope.Get<ProjectService>().CreateAsync(owner.Id, "Foxes", null);
        await scope.Get<ProjectMemberService>().InviteAsync(project.Id, owner.Id, viewer.UserName!, ProjectRole.Viewer);

        using var client = StudioBrowserlessClient.Create(factory);
        await client.SignInAsync(viewer.UserName!);
        var html = await (await client.Http.GetAsync($"/projects/{project.Id}/generate")).Content.ReadAsStringAsync();
        Assert.Contains("generate-forbidden", html);
        Assert.DoesNotContain("generate-form", html);
    }

    /// <summary>What an engine writes when a generation succeeds: the blob, the Succeeded row and its Image.</summary>
    internal static async Task<Guid> StoreGeneratedImageAsync(StudioScope scope, Guid projectId, Guid userId, byte[] png, Action<Generation>? configure = null)
    {
        await using var db = await scope.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.StudioDbContext>>().CreateDbContextAsync();
        var blob = await new BlobRecorder(db, scope.Get<IBlobStore>()).StoreAsync(new MemoryStream(png), "image/png");
        var now = DateTimeOffset.UtcNow;
        var generation = new Generation
        {
            ProjectId = projectId, RequestedById = userId, Prompt = "a fox", Seed = 7, Scheduler = SchedulerKind.Ddim, Steps = 20,
            GuidanceScale = 7, Width = 64, Height = 64, ModelId = "starter", Status = JobStatus.Succeeded, ProgressStep = 20,
            ProgressTotal = 20, CreatedAt = now, FinishedAt = now,
        };
        configure?.Invoke(generation);
        var image = new Image { GenerationId = generation.Id, BlobHash = blob.Hash, Width = 64, Height = 64, Seed = generation.Seed, CreatedAt = now };
        generation.Images.Add(image);
        db.Generations.Add(generation);
        await db.SaveChangesAsync();
        return image.Id;
    }
}
