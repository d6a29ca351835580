using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DreamTuner.Data.Tests.Support;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// The real studio process (<c>dotnet DreamTuner.Studio.dll --migrate</c>) on a fresh database, a temp blob
/// folder and a free port, as the start command runs it (from the build output, hence the Development environment
/// for static assets); stopped and cleaned up on dispose.
/// </summary>
public sealed class RunningStudio : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TestDatabase _database;
    private readonly TempFolder _blobs;
    private readonly StringBuilder _output = new();

    private RunningStudio(Process process, TestDatabase database, TempFolder blobs, Uri baseAddress)
    {
        _process = process;
        _database = database;
        _blobs = blobs;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The studio's database, for tests that set up rows the UI cannot make yet (generated images).</summary>
    public TestDatabase Database => _database;

    /// <summary>The database the studio runs on (an engine worker joins it).</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>The blob folder the studio uses (an engine worker shares it).</summary>
    public string BlobRoot => _blobs.Path;

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>
    /// Prints the process's output and keeps it as <c>NAME-HHmmss.log</c> in <c>DREAMTUNER_TEST_LOGS</c> (set by
    /// <c>./dreamtuner test</c>, which prints its warnings and failures when a test fails: the test console does not
    /// show a test's standard error), else in the temp folder.
    /// </summary>
    public void KeepLog(string name)
    {
        var output = Output;
        Console.Error.WriteLine(output);
        var dir = Environment.GetEnvironmentVariable("DREAMTUNER_TEST_LOGS") is { Length: > 0 } set ? set : Path.Combine(Path.GetTempPath(), "dreamtuner-test-logs");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $"{name}-{DateTime.UtcNow:HHmmss}.log"), output);
    }

    /// <param name="settings">Extra configuration as environment variables ("Engine__HubKey").</param>
    public static async Task<RunningStudio> StartAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(migrate: false);
        var blobs = new TempFolder();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(StudioProcess.AssemblyPath);
        info.ArgumentList.Add("--migrate");
        info.Environment["ConnectionStrings__Studio"] = database.ConnectionString;
        info.Environment["Blobs__Root"] = blobs.Path;
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        // Development makes the host read the static-web-assets manifest, which maps wwwroot and package assets to
        // their build locations; in Production it would look for a published wwwroot that a build does not make.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        var studio = new RunningStudio(process, database, blobs, baseAddress);
        process.OutputDataReceived += (_, e) => studio.Append(e.Data);
        process.ErrorDataReceived += (_, e) => studio.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                break;
            try
            {
                if ((await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK)
                    return studio;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy migrating
            }

            await Task.Delay(250);
        }

        var output = studio.Output;
        await studio.DisposeAsync();
        throw new TimeoutException($"the studio did not become healthy within {timeout}:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _database.DisposeAsync();
        _blobs.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
