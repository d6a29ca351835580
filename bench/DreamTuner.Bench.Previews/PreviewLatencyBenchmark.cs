using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Options;
using DreamTuner.Engine.Jobs;
using DreamTuner.Studio.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DreamTuner.Bench.Previews;

/// <summary>
/// Preview latency on loopback: from the moment the denoising thread posts a step's x0 estimate to the engine's
/// <see cref="StudioHubPublisher"/> until each simulated browser (a SignalR .NET client of <c>/hubs/studio</c>) receives
/// the preview. The span therefore holds everything a user waits for: the mailbox, JPEG encoding, the engine hub call,
/// the studio's relay to the project group and the fan-out to every viewer. Frames are posted at a fixed interval,
/// as steps of a fast GPU would be; a frame replaced in the mailbox before it was sent counts as dropped.
/// With --redis the engine reports to instance A and the viewers watch on instance B, so the backplane hop is included.
/// Usage: dotnet DreamTuner.Bench.Previews.dll latency [--viewers 20] [--frames 300] [--interval-ms 50] [--size 512]
/// [--redis HOST:PORT] [--json bench/results/previews-latency.json]
/// </summary>
public static class PreviewLatencyBenchmark
{
    private const int WarmupFrames = 20;

    public static int Run(string[] args)
    {
        int viewers = int.Parse(Arg(args, "--viewers") ?? "20", CultureInfo.InvariantCulture);
        int frames = int.Parse(Arg(args, "--frames") ?? "300", CultureInfo.InvariantCulture);
        int intervalMs = int.Parse(Arg(args, "--interval-ms") ?? "50", CultureInfo.InvariantCulture);
        int size = int.Parse(Arg(args, "--size") ?? "512", CultureInfo.InvariantCulture);
        string? redis = Arg(args, "--redis");
        string json = Arg(args, "--json") ?? Path.Combine(RepoRoot(), "bench", "results", "previews-latency.json");

        var runs = new List<object> { RunOnceAsync(viewers, frames, intervalMs, size, redis: null).GetAwaiter().GetResult() };
        if (redis is not null) runs.Add(RunOnceAsync(viewers, frames, intervalMs, size, redis).GetAwaiter().GetResult());
        var report = new Dictionary<string, object>
        {
            ["what"] = "preview latency, engine post (denoising thread) -> SignalR client receive, loopback, nearest-rank percentiles",
            ["viewers"] = viewers, ["frames"] = frames, ["warmup_frames"] = WarmupFrames, ["interval_ms"] = intervalMs, ["image_size"] = size,
            ["cores"] = Environment.ProcessorCount, ["load_average_at_end"] = LoadAverage(), ["runs"] = runs,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
        File.WriteAllText(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        Console.WriteLine($"written to {json}");
        return 0;
    }

    private static async Task<Dictionary<string, object>> RunOnceAsync(int viewerCount, int frames, int intervalMs, int size, string? redis)
    {
        var blobs = Path.Combine(Path.GetTempPath(), "dt-bench-latency-" + Guid.NewGuid().ToString("N"));
        await using var engineSide = await BenchStudio.StartAsync(blobs, redis);
        await using var otherInstance = redis is null ? null : await BenchStudio.StartAsync(blobs, redis);
        var viewerSide = otherInstance ?? engineSide;
        var projectId = Guid.NewGuid();
        var generationId = Guid.NewGuid();
        var postedAt = new long[frames + 1];
        var received = new ConcurrentBag<(int Step, long At, int Bytes)>[viewerCount];

        var connections = new List<HubConnection>();
        var groups = viewerSide.Services.GetRequiredService<IHubContext<StudioHub>>().Groups;
        for (int v = 0; v < viewerCount; v++)
        {
            var bag = received[v] = [];
            var connection = new HubConnectionBuilder().WithUrl(viewerSide.BaseUrl + EngineHubProtocol.StudioHubPath).Build();
            connection.On<GenerationPreview>(EngineHubProtocol.ClientPreview, p => bag.Add((p.Step, Stopwatch.GetTimestamp(), p.Jpeg?.Length ?? 0)));
            await connection.StartAsync();
            await groups.AddToGroupAsync(connection.ConnectionId!, StudioHubGroups.Project(projectId));
            connections.Add(connection);
        }

        var options = Options.Create(new EngineOptions { StudioHubUrl = engineSide.BaseUrl + EngineHubProtocol.EngineHubPath, HubKey = BenchStudio.HubKey });
        await using var publisher = new StudioHubPublisher(options, NullLogger<StudioHubPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (publisher.State != HubConnectionState.Connected && DateTime.UtcNow < deadline) await Task.Delay(20);
        if (publisher.State != HubConnectionState.Connected) throw new InvalidOperationException("the publisher did not connect to the studio");

        int h = size / 8;
        var random = new Random(1);
        var latents = Enumerable.Range(0, 4 * h * h).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(intervalMs)))
        {
            for (int step = 1; step <= frames; step++)
            {
                await timer.WaitForNextTickAsync();
                postedAt[step] = Stopwatch.GetTimestamp();
                publisher.Preview(new PreviewFrame(generationId, projectId, null, step, frames, null, latents, h, h, size, size));
            }
        }
        await publisher.FlushAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(1000); // the last relays in flight
        await publisher.StopAsync(CancellationToken.None);
        foreach (var c in connections) await c.DisposeAsync();

        var samples = received.SelectMany(bag => bag.Where(r => r.Step > WarmupFrames)
            .Select(r => Stopwatch.GetElapsedTime(postedAt[r.Step], r.At).TotalMilliseconds)).ToList();
        int expected = (frames - WarmupFrames) * viewerCount;
        var stats = LatencyStatistics.Of(samples);
        var mode = redis is null ? "one studio instance" : "two studio instances + Redis backplane (engine -> A, viewers on B)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode}: {viewerCount} viewers, {samples.Count}/{expected} previews received: p50 {stats.P50:F2} ms, p95 {stats.P95:F2} ms, p99 {stats.P99:F2} ms, max {stats.Max:F2} ms"));
        if (Directory.Exists(blobs)) Directory.Delete(blobs, recursive: true);
        return new Dictionary<string, object>
        {
            ["mode"] = mode,
            ["expected"] = expected,
            ["received"] = samples.Count,
            ["dropped_fraction"] = expected == 0 ? 0 : 1 - (double)samples.Count / expected,
            ["jpeg_bytes_mean"] = received.SelectMany(b => b).Select(r => r.Bytes).DefaultIfEmpty().Average(),
            ["latency"] = stats,
        };
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DreamTuner.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? Directory.GetCurrentDirectory();
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
