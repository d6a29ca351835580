namespace DreamTuner.Engine.Cli;

/// <summary>
/// Where the command line finds the bundled starter model when no <c>--model</c> is given: <c>models/starter</c> under
/// the working directory (the repository root, where <c>./dreamtuner engine</c> runs), else the one of the repository
/// this engine was built in (<c>src/Engine/bin/{Configuration}/{framework}/</c> is five levels below it).
/// </summary>
public static class StarterModelFolder
{
    public static string Default()
    {
        var here = Path.GetFullPath(Path.Combine("models", "starter"));
        if (File.Exists(Path.Combine(here, "model_index.json")))
            return here;
        var beside = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "models", "starter"));
        return File.Exists(Path.Combine(beside, "model_index.json")) ? beside : here;
    }
}
