using DreamTuner.Engine.Jobs;
using DreamTuner.Jobs.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Jobs.Tests.Hubs;

/// <summary>Only engines holding Engine:HubKey may talk to /hubs/engine (it can push previews to every browser).</summary>
public sealed class EngineHubKeyTests
{
    [Fact]
    public async Task An_engine_with_the_wrong_key_is_refused_and_the_right_key_connects()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);

        await using var wrong = StudioHubConnection.Create(world.Studio.EngineHubUrl, "not-the-key-0123456789");
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => wrong.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);

        await using var right = StudioHubConnection.Create(world.Studio.EngineHubUrl, JobsWorld.HubKey);
        await right.StartAsync();
        Assert.Equal(HubConnectionState.Connected, right.State);
    }

    [Fact]
    public async Task An_engine_without_a_key_is_refused()
    {
        await using var world = await JobsWorld.StartAsync(engines: 0);
        using var http = new HttpClient();
        var response = await http.PostAsync(world.Studio.EngineHubUrl + "/negotiate?negotiateVersion=1", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
