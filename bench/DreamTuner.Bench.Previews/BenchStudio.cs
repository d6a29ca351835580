using DreamTuner.Data.Extensions;
using DreamTuner.Studio.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DreamTuner.Bench.Previews;

/// <summary>
/// One studio instance's hub side on a loopback port, composed by the studio's own extensions (engine hub with its key
/// check, browser hub, Redis backplane when given). No database is reached: viewers join groups directly.
/// </summary>
public sealed class BenchStudio : IAsyncDisposable
{
    public const string HubKey = "bench-hub-key-0123456789";

    private readonly WebApplication _app;

    private BenchStudio(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchStudio> StartAsync(string blobsRoot, string? redis)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Registered for the hubs' dependencies, never opened: viewers are added to groups by the benchmark.
            ["ConnectionStrings:Studio"] = "Host=127.0.0.1;Port=1;Username=bench;Database=unused",
            ["ConnectionStrings:Redis"] = redis,
            ["Blobs:Root"] = blobsRoot,
            ["Engine:HubKey"] = HubKey,
        });
        builder.AddStudioData();
        builder.AddEngineHubs();
        builder.AddStudioScaleOut();
        builder.Services.AddAuthentication(BenchViewerAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BenchViewerAuthHandler>(BenchViewerAuthHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapEngineHubs();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchStudio(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
