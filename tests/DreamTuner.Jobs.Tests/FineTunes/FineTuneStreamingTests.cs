using System.Collections.Concurrent;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Jobs.Tests.FineTunes;

/// <summary>
/// Fine-tune reports over real SignalR: engine publisher -> /hubs/engine -> /hubs/studio -> a browser-like client
/// watching the character, and the in-process notifier for Blazor components.
/// </summary>
public sealed class FineTuneStreamingTests
{
    [Fact]
    public async Task A_client_watching_the_character_receives_every_loss_point_the_validation_images_and_the_result()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);
        var progress = new ConcurrentQueue<FineTuneProgress>();
        var validations = new ConcurrentQueue<FineTuneValidationImage>();
        var statuses = new ConcurrentQueue<FineTuneStatusChange>();
        await using var browser = new HubConnectionBuilder()
            .WithUrl(world.Studio.StudioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = users[1].Id.ToString()).Build();
        browser.On<FineTuneProgress>(EngineHubProtocol.ClientFineTuneProgress, progress.Enqueue);
        browser.On<FineTuneValidationImage>(EngineHubProtocol.ClientFineTuneValidation, validations.Enqueue);
        browser.On<FineTuneStatusChange>(EngineHubProtocol.ClientFineTuneStatus, statuses.Enqueue);
        await browser.StartAsync();
        await browser.InvokeAsync("WatchCharacter", character.Id);
        var inProcess = new ConcurrentQueue<FineTuneStatusChange>();
        using var subscription = world.Studio.Services.GetService(typeof(Studio.Services.FineTuneUpdates)) is Studio.Services.FineTuneUpdates updates
            ? updates.Subscribe(character.Id, null, null, inProcess.Enqueue) : throw new InvalidOperationException("FineTuneUpdates is not registered");
        var publisher = (StudioHubPublisher)world.Engines[0].Services.GetService(typeof(StudioHubPublisher))!;
        await Waits.UntilAsync(() => Task.FromResult(publisher.State == HubConnectionState.Connected), "engine connection");

        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id,
            FineTuneSeeds.Parameters(steps: 6, validationEvery: 3)));
        await Waits.UntilAsync(() => Task.FromResult(statuses.Any(s => s.Status == JobStatus.Succeeded)), "the Succeeded status");

        // Reports may be merged when the studio is slower than training, but no loss point is lost and the last step arrives.
        Assert.All(progress, p => Assert.Equal((queued.Id, character.Id, project.Id, 6), (p.FineTuneId, p.CharacterId, p.ProjectId, p.TotalSteps)));
        Assert.Equal([1, 2, 3, 4, 5, 6], progress.SelectMany(p => p.Losses).Select(l => l.Step));
        Assert.Equal(6, progress.Last().Step);
        Assert.All(progress, p => Assert.True(double.IsFinite(p.Loss) && p.SecondsRemaining >= 0));
        Assert.Equal([3, 6], validations.Select(v => v.Step));
        Assert.All(validations, v => Assert.Equal([0xFF, 0xD8], v.Jpeg[..2]));
        var done = await world.ReloadFineTuneAsync(queued.Id);
        Assert.Equal(done.ArtifactHash, statuses.Single(s => s.Status == JobStatus.Succeeded).ArtifactHash);
        Assert.Equal([JobStatus.Running, JobStatus.Succeeded], statuses.Select(s => s.Status));
        Assert.Equal([JobStatus.Running, JobStatus.Succeeded], inProcess.Select(s => s.Status));
    }

    [Fact]
    public async Task A_non_member_cannot_watch_a_fine_tune_or_its_character()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var character = await FineTuneSeeds.CharacterAsync(world, db, project);
        var queued = await world.FineTunes.EnqueueAsync(new NewFineTune(character.Id, users[0].Id, FineTuneSeeds.Parameters(steps: 4)));
        var stranger = Data.Tests.Support.SampleUsers.Create("stranger");
        db.Users.Add(stranger);
        await db.SaveChangesAsync();
        await using var browser = new HubConnectionBuilder()
            .WithUrl(world.Studio.StudioHubUrl, o => o.Headers[TestUserAuthHandler.Header] = stranger.Id.ToString()).Build();
        await browser.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => browser.InvokeAsync("WatchCharacter", character.Id));
        await Assert.ThrowsAsync<HubException>(() => browser.InvokeAsync("WatchFineTune", queued.Id));
    }
}
