using System.CommandLine;
using DreamTuner.Engine.Hosting;

namespace DreamTuner.Engine.Cli;

/// <summary><c>worker</c>: the engine host (Hangfire server on the engine queues) until Ctrl-C.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Run the engine worker: takes generation and fine-tune jobs from the queue");
        command.SetAction((result, cancellation) => EngineWorkerHost.RunAsync(cancellation));
        return command;
    }
}
