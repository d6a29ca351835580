using System.Collections.Concurrent;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using DreamTuner.Studio.ScaleOut;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.ScaleOut;

/// <summary>
/// Two studio instances on one database, as behind a load balancer: the engine reports to instance A, a browser
/// watches on instance B. With Redis configured, B relays A's previews; without it, B never hears them.
/// </summary>
public sealed class RedisBackplaneTests
{
    [FactRequiringRedis]
    public async Task A_browser_on_another_studio_instance_receives_the_previews_and_the_result_through_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var world = await JobsWorld.StartAsync(engines: 0, RedisSettings(redis));
        var instanceB = await world.AddStudioAsync();
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        await using var browser = await ListeningBrowser.WatchProjectAsync(instanceB.StudioHubUrl, users[0].Id, project.Id);
        var componentHeard = SubscribeComponent(instanceB, project.Id);
        await StartConnectedEngineAsync(world);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 5));
        await Waits.UntilAsync(() => Task.FromResult(browser.HasStatus(queued.Id, JobStatus.Succeeded)), "the Succeeded status on instance B");

        Assert.NotEmpty(browser.Previews);
        Assert.All(browser.Previews, p => Assert.Equal(queued.Id, p.GenerationId));
        Assert.Contains(browser.Previews, p => p.IsFinal && p.Jpeg is [0xFF, 0xD8, ..]);
        var image = Assert.Single((await world.ReloadAsync(queued.Id)).Images);
        Assert.Equal([image.BlobHash], browser.Statuses.Single(s => s.Status == JobStatus.Succeeded).ImageHashes);
        // Blazor circuits on B are not hub clients: the Redis fan-out feeds their in-process subscriptions.
        await Waits.UntilAsync(() => Task.FromResult(componentHeard.Contains(JobStatus.Succeeded.ToString())), "instance B's components to hear the result");
        Assert.Contains("preview", componentHeard);
    }

    [FactRequiringRedis]
    public async Task Fine_tune_reports_received_by_one_instance_reach_the_components_of_another_through_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var world = await JobsWorld.StartAsync(engines: 0, RedisSettings(redis));
        var instanceB = await world.AddStudioAsync();
        Guid fineTune = Guid.NewGuid(), character = Guid.NewGuid(), project = Guid.NewGuid();
        var heard = new ConcurrentQueue<string>();
        using var subscription = instanceB.Services.GetRequiredService<FineTuneUpdates>().Subscribe(character,
            p => heard.Enqueue($"step {p.Step}/{p.TotalSteps} loss {p.Losses.Single().Loss}"),
            v => heard.Enqueue($"validation {v.Step} {v.Jpeg.Length} bytes"),
            s => heard.Enqueue(s.Status.ToString()));

        // What EngineHub on instance A does with the engine's reports.
        var onA = world.Studio.Services.GetRequiredService<IEngineUpdateFanOut>();
        await onA.PublishAsync(new FineTuneProgress(fineTune, character, project, 3, 6, 0.25, 12, [new FineTuneLossPoint(3, 0.25)]));
        await onA.PublishAsync(new FineTuneValidationImage(fineTune, character, project, 3, [0xFF, 0xD8, 0xFF, 0xD9]));
        await onA.PublishAsync(new FineTuneStatusChange(fineTune, character, project, JobStatus.Succeeded, null, "abc"));

        await Waits.UntilAsync(() => Task.FromResult(heard.Count == 3), "instance B's components to hear three fine-tune reports");
        // Three channels: each arrives, in whatever order Redis hands them over.
        Assert.Equal(["Succeeded", "step 3/6 loss 0.25", "validation 3 4 bytes"], heard.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Without_Redis_a_browser_on_another_studio_instance_hears_nothing_from_the_engine()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        var instanceB = await world.AddStudioAsync();
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        await using var onB = await ListeningBrowser.WatchProjectAsync(instanceB.StudioHubUrl, users[0].Id, project.Id);
        await using var onA = await ListeningBrowser.WatchProjectAsync(world.Studio.StudioHubUrl, users[0].Id, project.Id);
        var componentHeard = SubscribeComponent(instanceB, project.Id);
        await StartConnectedEngineAsync(world);

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 5));
        // The browser on A (the engine's instance) hears the result; by then B would have heard it too, were it relayed.
        await Waits.UntilAsync(() => Task.FromResult(onA.HasStatus(queued.Id, JobStatus.Succeeded)), "the Succeeded status on instance A");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.NotEmpty(onA.Previews);
        Assert.Empty(onB.Previews);
        Assert.Empty(onB.Statuses);
        Assert.Empty(componentHeard);
        Assert.Equal(JobStatus.Succeeded, (await world.ReloadAsync(queued.Id)).Status);
    }

    private static Dictionary<string, string?> RedisSettings(RedisServer redis) => new() { ["ConnectionStrings:Redis"] = redis.ConnectionString };

    /// <summary>What a Blazor component on <paramref name="instance"/> subscribed to the project is told ("preview", or the status name).</summary>
    private static ConcurrentBag<string> SubscribeComponent(StudioHubHost instance, Guid projectId)
    {
        var heard = new ConcurrentBag<string>();
        instance.Services.GetRequiredService<GenerationUpdates>().Subscribe(projectId, _ => heard.Add("preview"), s => heard.Add(s.Status.ToString()));
        return heard;
    }

    private static async Task StartConnectedEngineAsync(JobsWorld world)
    {
        var engine = await world.AddEngineAsync();
        var publisher = engine.Services.GetRequiredService<StudioHubPublisher>();
        await Waits.UntilAsync(() => Task.FromResult(publisher.State == HubConnectionState.Connected), "the engine's connection to instance A");
    }
}
