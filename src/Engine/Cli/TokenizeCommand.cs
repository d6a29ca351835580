using System.CommandLine;
using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Cli;

/// <summary><c>tokenize --model DIR --prompt TEXT</c>: the ids (77 for Stable Diffusion) as JSON, so people can check prompt length.</summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A diffusers model folder (uses its tokenizer/) or a tokenizer folder", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "The prompt to tokenize", Required = true };
        var command = new Command("tokenize", "Print the token ids of a prompt as JSON (77 for Stable Diffusion)") { model, prompt };
        command.SetAction(result =>
        {
            var tokenizer = ClipTokenizer.FromFolder(TokenizerFolder(result.GetValue(model)!));
            var text = result.GetValue(prompt)!;
            Console.WriteLine(JsonSerializer.Serialize(tokenizer.Encode(text)));
            var count = tokenizer.CountTokens(text);
            if (count > tokenizer.MaxBpeTokens)
                Console.Error.WriteLine($"warning: the prompt has {count} tokens; only the first {tokenizer.MaxBpeTokens} are used.");
            return 0;
        });
        return command;
    }

    /// <summary>Accepts the model root or the tokenizer folder itself.</summary>
    public static string TokenizerFolder(string modelOrTokenizerDir)
    {
        if (!Directory.Exists(modelOrTokenizerDir))
            throw new CheckpointException($"Model folder not found: {modelOrTokenizerDir}");
        var nested = Path.Combine(modelOrTokenizerDir, "tokenizer");
        return Directory.Exists(nested) ? nested : modelOrTokenizerDir;
    }
}
