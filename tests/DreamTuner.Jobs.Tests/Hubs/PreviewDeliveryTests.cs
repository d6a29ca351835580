using System.Collections.Concurrent;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Jobs.Tests.Hubs;

/// <summary>
/// The whole preview path over real SignalR: engine publisher -> /hubs/engine -> /hubs/studio -> a browser-like client
/// watching the project.
/// </summary>
public sealed class PreviewDeliveryTests
{
    [Fact]
    public async Task A_watching_client_receives_jpeg_step_previews_the_final_preview_and_the_result()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var previews = new ConcurrentQueue<GenerationPreview>();
        var statuses = new ConcurrentQueue<GenerationStatusChange>();
        await using var browser = new HubConnectionBuilder().WithUrl(world.Studio.StudioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = users[0].Id.ToString()).Build();
        browser.On<GenerationPreview>(EngineHubProtocol.ClientPreview, previews.Enqueue);
        browser.On<GenerationStatusChange>(EngineHubProtocol.ClientStatus, statuses.Enqueue);
        await browser.StartAsync();
        await browser.InvokeAsync("WatchProject", project.Id);
        // The engine's connection to the studio is made in the background at start; wait for it so no preview is lost.
        var publisher = (Engine.Jobs.StudioHubPublisher)world.Engines[0].Services.GetService(typeof(Engine.Jobs.StudioHubPublisher))!;
        await Waits.UntilAsync(() => Task.FromResult(publisher.State == HubConnectionState.Connected), "engine connection");

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 5));
        await Waits.UntilAsync(() => Task.FromResult(statuses.Any(s => s.Status == JobStatus.Succeeded)), "the Succeeded status");

        Assert.NotEmpty(previews);
        Assert.All(previews, p =>
        {
            Assert.Equal(queued.Id, p.GenerationId);
            Assert.Equal(5, p.TotalSteps);
            Assert.NotNull(p.Jpeg);
            Assert.Equal([0xFF, 0xD8], p.Jpeg![..2]);
        });
        // Stale previews may be dropped, but they arrive in order and the last step's always arrives.
        var stepsSeen = previews.Select(p => p.Step).ToList();
        Assert.Equal(stepsSeen.Order(), stepsSeen);
        Assert.True(previews.Last().IsFinal);
        var result = statuses.Single(s => s.Status == JobStatus.Succeeded);
        var image = Assert.Single((await world.ReloadAsync(queued.Id)).Images);
        Assert.Equal([image.BlobHash], result.ImageHashes);
        Assert.Contains(statuses, s => s.Status == JobStatus.Running);
    }
}
