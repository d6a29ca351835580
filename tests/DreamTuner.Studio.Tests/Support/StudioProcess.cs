using System.Diagnostics;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>Runs the built studio as a real process, as the start command does.</summary>
public static class StudioProcess
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "DreamTuner.Studio.dll");

    public static async Task<(int ExitCode, string StdErr, string StdOut)> RunAsync(
        IDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("ConnectionStrings__Studio");
        info.Environment.Remove("Blobs__Root");
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the studio did not exit within {timeout}: {await stderr}");
        }
        return (process.ExitCode, await stderr, await stdout);
    }
}
