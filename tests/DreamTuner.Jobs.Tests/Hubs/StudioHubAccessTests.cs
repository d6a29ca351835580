using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Jobs.Tests.Hubs;

/// <summary>Only members may watch a project's previews; everyone else learns nothing about the project.</summary>
public sealed class StudioHubAccessTests
{
    [Fact]
    public async Task A_signed_out_browser_cannot_connect_to_the_studio_hub()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var browser = new HubConnectionBuilder().WithUrl(world.Studio.StudioHubUrl).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => browser.StartAsync());
    }

    [Fact]
    public async Task A_non_member_cannot_watch_a_project_or_its_generations()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, _) = await Seeds.ProjectWithUsersAsync(db);
        var stranger = SampleUsers.Create("stranger");
        db.Users.Add(stranger);
        await db.SaveChangesAsync();
        await using var browser = new HubConnectionBuilder()
            .WithUrl(world.Studio.StudioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = stranger.Id.ToString()).Build();
        await browser.StartAsync();
        var e = await Assert.ThrowsAsync<HubException>(() => browser.InvokeAsync("WatchProject", project.Id));
        Assert.Contains("Not found", e.Message);
        await Assert.ThrowsAsync<HubException>(() => browser.InvokeAsync("WatchGeneration", Guid.NewGuid()));
    }
}
