using System.Diagnostics;
using System.Text;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// A real engine worker process (<c>dotnet DreamTuner.Engine.dll worker</c>) on a tiny random model named
/// <see cref="ModelId"/>, joined to a <see cref="RunningStudio"/>'s database, blob folder and engine hub.
/// </summary>
public sealed class RunningEngine : IDisposable
{
    /// <summary>The studio's default model id, so the Generate page's defaults reach this model.</summary>
    public const string ModelId = "starter";

    public const string HubKey = "e2e-hub-key-0123456789abcdef";

    private static readonly SemaphoreSlim ModelLock = new(1, 1);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningEngine(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>
    /// The engine's own build output (built through the test project's reference): its deps.json resolves TorchSharp
    /// and the native libraries there.
    /// </summary>
    public static string EngineDirectory
    {
        get
        {
            var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(testDir);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testDir))!;
            var root = testDir;
            while (!File.Exists(Path.Combine(root, "DreamTuner.sln")))
                root = Path.GetDirectoryName(root)!;
            return Path.Combine(root, "src", "Engine", "bin", configuration, framework);
        }
    }

    /// <summary>The studio settings that let this engine connect (its hub key).</summary>
    public static IReadOnlyDictionary<string, string> StudioSettings { get; } = new Dictionary<string, string> { ["Engine__HubKey"] = HubKey };

    public static async Task<RunningEngine> StartAsync(RunningStudio studio)
    {
        ArgumentNullException.ThrowIfNull(studio);
        var models = await ModelsRootAsync();
        var info = Info("worker");
        info.Environment["ConnectionStrings__Studio"] = studio.ConnectionString;
        info.Environment["Blobs__Root"] = studio.BlobRoot;
        info.Environment["Engine__ModelsRoot"] = models;
        info.Environment["Engine__StudioHubUrl"] = new Uri(studio.BaseAddress, "hubs/engine").ToString();
        info.Environment["Engine__HubKey"] = HubKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__DreamTuner"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the engine worker");
        var engine = new RunningEngine(process);
        process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    /// <summary>A models folder with the tiny random model, written once per machine by the engine's own command.</summary>
    private static async Task<string> ModelsRootAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "dt-studio-e2e-models");
        var target = Path.Combine(root, ModelId);
        await ModelLock.WaitAsync();
        try
        {
            if (Directory.Exists(target))
                return root;
            var partial = Path.Combine(root, $"{ModelId}.{Guid.NewGuid():N}.partial");
            using var process = Process.Start(Info("create-tiny-model", "--out", partial, "--preset", "tiny", "--seed", "1"))!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"create-tiny-model failed: {await stderr}");
            try
            {
                Directory.Move(partial, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                Directory.Delete(partial, recursive: true);
            }

            return root;
        }
        finally
        {
            ModelLock.Release();
        }
    }

    private static ProcessStartInfo Info(params string[] args)
    {
        var dll = Path.Combine(EngineDirectory, "DreamTuner.Engine.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"the engine is not built at {dll}: dotnet build src/Engine -c Release");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = EngineDirectory,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
