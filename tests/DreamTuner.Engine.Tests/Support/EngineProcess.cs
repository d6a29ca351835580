using System.Diagnostics;

namespace DreamTuner.Engine.Tests.Support;

/// <summary>
/// Runs the engine's command line as a real process, as a user would (<c>dotnet DreamTuner.Engine.dll VERB ...</c>):
/// the engine assembly is copied next to the tests because the test project references it.
/// </summary>
public static class EngineProcess
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "DreamTuner.Engine.dll");

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        /// <summary>stderr without the progress line the generate verb redraws with carriage returns.</summary>
        public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
    }

    public static Result Run(params string[] args) => Run(TimeSpan.FromMinutes(3), args);

    public static Result Run(TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Tests start engines in parallel on a small shared CPU; one intra-op thread each keeps libtorch's OpenMP
        // workers from spinning against each other (several times slower than a single thread when oversubscribed).
        info.Environment["OMP_NUM_THREADS"] = "1";
        info.ArgumentList.Add(AssemblyPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the engine did not exit within {timeout}: {stderr.Result}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
