using System.CommandLine;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Cli;

/// <summary><c>create-tiny-model</c>: a random-weight model of any shape in diffusers layout, for tests and benchmarks.</summary>
public static class CreateTinyModelCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Required = true, Description = "Folder to write the diffusers model to" };
        var preset = new Option<string>("--preset") { DefaultValueFactory = _ => "tiny", Description = "tiny | sd15 (the real SD 1.5 shapes)" };
        preset.AcceptOnlyFromAmong("tiny", "sd15");
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Tokenizer folder to copy (default: a byte-level vocabulary built in)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0 };
        var command = new Command("create-tiny-model", "Write a random-weight Stable Diffusion model in diffusers layout") { output, preset, tokenizer, seed };
        command.SetAction(result =>
        {
            var spec = result.GetValue(preset) == "sd15" ? RandomModelSpec.Sd15 : RandomModelSpec.Tiny;
            RandomModelWriter.Write(result.GetValue(output)!, spec, result.GetValue(seed), result.GetValue(tokenizer));
            Console.WriteLine(result.GetValue(output));
            return 0;
        });
        return command;
    }
}
