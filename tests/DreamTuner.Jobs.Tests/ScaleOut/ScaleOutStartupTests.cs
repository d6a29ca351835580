using DreamTuner.Data.Options;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Jobs.Tests.Support;
using DreamTuner.Studio.Api;
using DreamTuner.Studio.Extensions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.ScaleOut;

/// <summary>Start-up checks and shared secrets that make several studio instances behave as one.</summary>
public sealed class ScaleOutStartupTests
{
    [Fact]
    public async Task A_studio_given_an_unreachable_Redis_refuses_to_start_with_one_line_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: true);
        using var blobs = new TempFolder();
        var unused = FreePort.Next();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => StudioHubHost.StartAsync(database.ConnectionString, blobs.Path, JobsWorld.HubKey,
            new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{unused}" }));

        Assert.Contains("ConnectionStrings:Redis", e.Message);
        Assert.Contains($"127.0.0.1:{unused}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task Without_Redis_the_studio_keeps_SignalR_in_process()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);

        var manager = world.Studio.Services.GetRequiredService<HubLifetimeManager<Studio.Hubs.StudioHub>>();

        Assert.StartsWith("DefaultHubLifetimeManager", manager.GetType().Name);
    }

    [Fact]
    public async Task An_API_token_issued_by_one_instance_is_accepted_by_another_and_after_a_restart()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        var instanceB = await world.AddStudioAsync();
        var user = Guid.NewGuid();
        var token = TokensOf(world.Studio).Create(user, "stamp-1", TimeSpan.FromHours(1));

        var readByB = TokensOf(instanceB).TryRead(token);
        await world.RestartStudioAsync();
        var readAfterRestart = TokensOf(world.Studio).TryRead(token);

        Assert.Equal((user, "stamp-1"), readByB);
        Assert.Equal((user, "stamp-1"), readAfterRestart);
        Assert.True(Directory.EnumerateFiles(Path.Combine(world.Blobs.Path, StudioScaleOutExtensions.KeysFolder), "key-*.xml").Any());
    }

    private static ApiTokens TokensOf(StudioHubHost studio) =>
        new(studio.Services.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System);
}
