using System.Diagnostics;

namespace DreamTuner.Studio.Tests.Deployment;

/// <summary>
/// Docker cannot run on the development machines, so the GPU deployment file is checked by Debian's
/// docker-compose parser (installed by .ci/run).
/// </summary>
public sealed class DockerComposeFileTests
{
    private static string RepoRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "DreamTuner.sln"))) dir = Path.GetDirectoryName(dir)!;
            return dir;
        }
    }

    [Fact]
    public async Task Compose_file_is_valid_for_docker_compose()
    {
        var (code, stderr) = await RunComposeConfig(new() { ["POSTGRES_PASSWORD"] = "secret", ["HUB_KEY"] = "0123456789abcdef" });
        Assert.True(code == 0, $"docker-compose config -q failed: {stderr}");
    }

    [Fact]
    public async Task Compose_file_refuses_to_start_without_the_secrets()
    {
        var (code, stderr) = await RunComposeConfig(new());
        Assert.NotEqual(0, code);
        Assert.Contains("POSTGRES_PASSWORD", stderr);
    }

    private static async Task<(int Code, string StdErr)> RunComposeConfig(Dictionary<string, string> env)
    {
        var exe = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("docker-compose is not installed: run .ci/run or apt-get install docker-compose");
        var info = new ProcessStartInfo(exe, "config -q") { WorkingDirectory = RepoRoot, RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment.Remove("POSTGRES_PASSWORD");
        info.Environment.Remove("HUB_KEY");
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await err);
    }
}
