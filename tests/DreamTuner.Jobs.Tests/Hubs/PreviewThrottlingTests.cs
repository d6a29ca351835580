using System.Collections.Concurrent;
using System.Diagnostics;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DreamTuner.Jobs.Tests.Hubs;

/// <summary>
/// The engine posts previews faster than they can be encoded and relayed: posting must never wait, stale frames are
/// dropped, and the last one still arrives.
/// </summary>
public sealed class PreviewThrottlingTests
{
    [Fact]
    public async Task Previews_posted_faster_than_they_travel_are_dropped_but_the_last_arrives()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var projectId = project.Id;
        var received = new ConcurrentQueue<GenerationPreview>();
        await using var browser = new HubConnectionBuilder().WithUrl(world.Studio.StudioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = users[0].Id.ToString()).Build();
        browser.On<GenerationPreview>(EngineHubProtocol.ClientPreview, received.Enqueue);
        await browser.StartAsync();
        await browser.InvokeAsync("WatchProject", projectId);

        var options = Options.Create(new EngineOptions { StudioHubUrl = world.Studio.EngineHubUrl, HubKey = JobsWorld.HubKey });
        await using var publisher = new StudioHubPublisher(options, NullLogger<StudioHubPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        await Waits.UntilAsync(() => Task.FromResult(publisher.State == HubConnectionState.Connected), "engine connection");

        const int frames = 500;
        var latents = new float[4 * 64 * 64];
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= frames; step++)
            publisher.Preview(new PreviewFrame(Guid.NewGuid(), projectId, null, step, frames, null, latents, 64, 64, 512, 512));
        var posting = clock.Elapsed;
        await Waits.UntilAsync(() => Task.FromResult(received.Any(p => p.IsFinal)), "the final preview");

        // 500 encodes plus round trips would take far longer than 500 posts; posting is a pointer swap.
        Assert.True(posting < TimeSpan.FromSeconds(1), $"posting took {posting}");
        Assert.True(publisher.PreviewsSent < frames, $"all {frames} previews were sent; none was dropped");
        Assert.Equal(frames, received.Last().Step);
        var steps = received.Select(p => p.Step).ToList();
        Assert.Equal(steps.Order(), steps);
        await publisher.StopAsync(CancellationToken.None);
    }
}
