using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// One test's world: its own migrated database, blob folder, a studio hub host and any number of in-process engine
/// workers on the tiny model. Disposed in reverse order.
/// </summary>
public sealed class JobsWorld : IAsyncDisposable
{
    public const string HubKey = "test-hub-key-0123456789";

    private readonly List<EngineHost> _engines = [];
    private readonly List<StudioHubHost> _otherStudios = [];
    private readonly IReadOnlyDictionary<string, string?>? _studioSettings;

    private JobsWorld(TestDatabase database, TempFolder blobs, StudioHubHost studio, IReadOnlyDictionary<string, string?>? studioSettings)
    {
        Database = database;
        Blobs = blobs;
        Studio = studio;
        _studioSettings = studioSettings;
    }

    public TestDatabase Database { get; }

    public TempFolder Blobs { get; }

    /// <summary>Engine:WorkRoot of this world's engines (fine-tune checkpoints).</summary>
    public TempFolder WorkRoot { get; } = new();

    /// <summary>The instance engines connect to (replaced by <see cref="RestartStudioAsync"/>).</summary>
    public StudioHubHost Studio { get; private set; }

    public IReadOnlyList<EngineHost> Engines => _engines;

    public JobDispatcher Dispatcher => Studio.Services.GetRequiredService<JobDispatcher>();

    public FineTuneDispatcher FineTunes => Studio.Services.GetRequiredService<FineTuneDispatcher>();

    public GenerationQueue Queue => Studio.Services.GetRequiredService<GenerationQueue>();

    public IBackgroundJobClient Jobs => Studio.Services.GetRequiredService<IBackgroundJobClient>();

    public JobStorage Storage => Studio.Services.GetRequiredService<JobStorage>();

    /// <param name="studioSettings">More studio configuration, for every instance ("ConnectionStrings:Redis").</param>
    public static async Task<JobsWorld> StartAsync(int engines = 1, IReadOnlyDictionary<string, string?>? studioSettings = null)
    {
        var database = await TestDatabase.CreateAsync(migrate: true);
        var blobs = new TempFolder();
        var studio = await StudioHubHost.StartAsync(database.ConnectionString, blobs.Path, HubKey, studioSettings);
        var world = new JobsWorld(database, blobs, studio, studioSettings);
        for (int i = 0; i < engines; i++) await world.AddEngineAsync();
        return world;
    }

    /// <summary>Another studio instance on the same database, blobs and settings, as behind a load balancer.</summary>
    public async Task<StudioHubHost> AddStudioAsync()
    {
        var studio = await StudioHubHost.StartAsync(Database.ConnectionString, Blobs.Path, HubKey, _studioSettings);
        _otherStudios.Add(studio);
        return studio;
    }

    /// <summary>Stops the studio engines talk to (a graceful shutdown, as a deployment does) and starts a new one on the same port.</summary>
    public async Task RestartStudioAsync(TimeSpan? downtime = null)
    {
        var port = Studio.Port;
        foreach (var studio in _otherStudios) await studio.DisposeAsync();
        await Studio.DisposeAsync();
        if (downtime is { } d) await Task.Delay(d);
        Studio = await StudioHubHost.StartAsync(Database.ConnectionString, Blobs.Path, HubKey, _studioSettings, port);
    }

    /// <summary>The settings an engine worker needs, as environment-style keys (also used for the child process).</summary>
    public Dictionary<string, string?> EngineSettings(string? hubKey = null) => new()
    {
        ["ConnectionStrings:Studio"] = Database.ConnectionString,
        ["Blobs:Root"] = Blobs.Path,
        ["Engine:ModelsRoot"] = TinyModel.ModelsRoot,
        ["Engine:StudioHubUrl"] = Studio.EngineHubUrl,
        ["Engine:HubKey"] = hubKey ?? HubKey,
        ["Engine:JobInvisibilitySeconds"] = "10",
        ["Engine:WorkRoot"] = WorkRoot.Path,
    };

    public async Task<EngineHost> AddEngineAsync(string? hubKey = null, Action<IServiceCollection>? configure = null)
    {
        var engine = await EngineHost.StartAsync(EngineSettings(hubKey), configure);
        _engines.Add(engine);
        return engine;
    }

    public StudioDbContext Db() => Database.CreateContext();

    public async Task<Generation> ReloadAsync(Guid id)
    {
        await using var db = Db();
        return await db.Generations.AsNoTracking().Include(g => g.Images).SingleAsync(g => g.Id == id);
    }

    /// <summary>Polls until the generation reaches one of <paramref name="statuses"/> or the timeout passes.</summary>
    public async Task<Generation> WaitForAsync(Guid id, TimeSpan timeout, params JobStatus[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var g = await ReloadAsync(id);
            if (statuses.Contains(g.Status)) return g;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"generation {id} is {g.Status} (step {g.ProgressStep}/{g.ProgressTotal}) after {timeout}; wanted {string.Join("/", statuses)}");
            await Task.Delay(100);
        }
    }

    public async Task<Generation> WaitForEndAsync(Guid id, TimeSpan timeout) =>
        await WaitForAsync(id, timeout, JobStatus.Succeeded, JobStatus.Failed, JobStatus.Cancelled);

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in Enumerable.Reverse(_engines)) await engine.DisposeAsync();
        foreach (var studio in _otherStudios) await studio.DisposeAsync();
        await Studio.DisposeAsync();

        await Database.DisposeAsync();
        Blobs.Dispose();
        WorkRoot.Dispose();
    }
}
