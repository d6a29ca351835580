using DreamTuner.Engine.Cli;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Starter.Training;

/// <summary>One tiny run of the real command (a few steps per stage), shared by the tests that inspect its output.</summary>
public sealed class TinyStarterModelFixture : IDisposable
{
    public const int StepsPerStage = 3;

    public TinyStarterModelFixture()
    {
        Root = TestPaths.NewTempDir("starter-train");
        ModelDir = Path.Combine(Root, "model");
        ExitCode = EngineCommandLine.RunAsync(["train-starter", "--out", ModelDir, "--work", Path.Combine(Root, "work"),
            "--scale", "tiny", "--seed", "5", "--steps-per-stage", StepsPerStage.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .GetAwaiter().GetResult();
    }

    public string Root { get; }
    public string ModelDir { get; }
    public int ExitCode { get; }

    public void Dispose() => Directory.Delete(Root, true);
}
