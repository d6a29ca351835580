using DreamTuner.Data.Extensions;
using DreamTuner.Studio.Extensions;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// The studio's job side on a real TCP port (engines, in-process or child processes, connect to it): data, the Hangfire
/// client, and the engine/browser hubs through the same extensions the studio's Program uses. The Blazor UI is left
/// out: it is not what these tests are about.
/// </summary>
public sealed class StudioHubHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StudioHubHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Port => new Uri(BaseUrl).Port;

    public string EngineHubUrl => BaseUrl + Data.Jobs.EngineHubProtocol.EngineHubPath;

    public string StudioHubUrl => BaseUrl + Data.Jobs.EngineHubProtocol.StudioHubPath;

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">More configuration ("ConnectionStrings:Redis" for the backplane).</param>
    /// <param name="port">A fixed port (to restart a studio where its engines and browsers will look for it); 0 for any.</param>
    public static async Task<StudioHubHost> StartAsync(
        string connectionString, string blobsRoot, string hubKey, IReadOnlyDictionary<string, string?>? settings = null, int port = 0)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Studio"] = connectionString,
            ["Blobs:Root"] = blobsRoot,
            ["Engine:HubKey"] = hubKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStudioData();
        builder.AddJobClient();
        builder.AddEngineHubs();
        builder.AddStudioScaleOut();
        builder.Services.AddAuthentication(TestUserAuthHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestUserAuthHandler>(TestUserAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        var app = builder.Build();
        if (Data.Options.StartupValidation.FindProblem(app.Services) is { } problem)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(problem);
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapEngineHubs();
        await app.StartAsync();
        // Creates Hangfire's schema now, before any engine server races to do the same.
        _ = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StudioHubHost(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
