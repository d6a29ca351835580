using System.Net;
using DreamTuner.Data.Jobs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// A browser's real-time connection to <c>/hubs/studio</c> on the test server: signed in through the real login form,
/// with the Identity cookie shared by the HTTP client and the SignalR connection (long polling: the test server has no sockets).
/// </summary>
public sealed class SignedInHubClient : IAsyncDisposable
{
    private readonly StudioBrowserlessClient _http;

    private SignedInHubClient(StudioBrowserlessClient http, HubConnection hub)
    {
        _http = http;
        Hub = hub;
    }

    public HubConnection Hub { get; }

    public static async Task<SignedInHubClient> ConnectAsync(StudioFactory factory, string userName)
    {
        var cookies = new CookieContainer();
        var server = factory.Server;
        var http = StudioBrowserlessClient.Create(new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = server.CreateHandler() })
        {
            BaseAddress = server.BaseAddress,
        });
        var signIn = await http.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, EngineHubProtocol.StudioHubPath.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = server.CreateHandler() };
            })
            .Build();
        await hub.StartAsync();
        return new SignedInHubClient(http, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        _http.Dispose();
    }
}
