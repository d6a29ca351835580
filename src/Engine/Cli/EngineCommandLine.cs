using System.CommandLine;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Cli;

/// <summary>The engine's verbs: the worker host and the command-line tools over the same code.</summary>
public static class EngineCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("DreamTuner engine: worker host and command-line tools");
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(TokenizeCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(FinetuneCommand.Create());
        root.Subcommands.Add(CreateTinyModelCommand.Create());
        root.Subcommands.Add(StarterWorldCommand.Create());
        root.Subcommands.Add(TrainStarterCommand.Create());
        root.Subcommands.Add(PretrainSubjectEncoderCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        try
        {
            // Our own handler below turns user-facing errors into one line; everything else keeps its stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Unwrap(e) is CheckpointException or Imaging.ImageRejectedException or UsageException
            or Training.Pretraining.PretrainingDataException)
        {
            // Problems with the user's files or arguments are one line, not a stack trace.
            Console.Error.WriteLine($"error: {Unwrap(e).Message}");
            return 1;
        }
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0])
        : e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : e;
}
