using System.Diagnostics;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>The real engine worker as a child process (<c>dotnet DreamTuner.Engine.dll worker</c>), killable mid-job.</summary>
public sealed class EngineProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private EngineProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The engine's own build output (built as a project reference): its deps.json resolves its packages there, which
    /// the copy in this test's folder (resolved for the test's ASP.NET Core framework) does not.
    /// </summary>
    public static string EngineDirectory
    {
        get
        {
            var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(testDir);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testDir))!;
            var root = testDir;
            while (!File.Exists(Path.Combine(root, "DreamTuner.sln"))) root = Path.GetDirectoryName(root)!;
            return Path.Combine(root, "src", "Engine", "bin", configuration, framework);
        }
    }

    /// <param name="settings">Configuration keys ("Engine:HubKey"); passed as environment variables ("Engine__HubKey").</param>
    public static EngineProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            WorkingDirectory = EngineDirectory,
        };
        info.ArgumentList.Add(Path.Combine(EngineDirectory, "DreamTuner.Engine.dll"));
        info.ArgumentList.Add("worker");
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__DreamTuner"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the engine worker");
        var engine = new EngineProcess(process);
        process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgement to Hangfire, as when a machine dies.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
