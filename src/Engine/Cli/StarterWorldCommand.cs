using System.CommandLine;
using DreamTuner.Engine.Starter;

namespace DreamTuner.Engine.Cli;

/// <summary><c>starter-world --out DIR --count N --seed S [--size 64] [--split train]</c>: writes a labelled dataset of the starter world.</summary>
public static class StarterWorldCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Required = true, Description = "Folder to write images/, masks/, poses/, labels.jsonl and tokenizer/ to" };
        var count = new Option<int>("--count") { Required = true, Description = "Number of examples" };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 0, Description = "Dataset seed: the same seed gives the same files" };
        var size = new Option<int>("--size") { DefaultValueFactory = _ => StarterRenderer.DefaultSize, Description = $"Image size in pixels ({StarterRenderer.MinSize}..{StarterRenderer.MaxSize})" };
        var split = new Option<string>("--split") { DefaultValueFactory = _ => "train", Description = "train | heldout-identity | heldout-emblem" };
        split.AcceptOnlyFromAmong(Enum.GetValues<StarterSplitKind>().Select(StarterSplit.Name).ToArray());
        var command = new Command("starter-world", "Write images, masks, pose images and captions of the synthetic starter world") { output, count, seed, size, split };
        command.SetAction(result =>
        {
            var n = result.GetValue(count);
            if (n < 0)
                throw new UsageException($"--count must be 0 or more, got {n}");
            var pixels = result.GetValue(size);
            if (pixels is < StarterRenderer.MinSize or > StarterRenderer.MaxSize)
                throw new UsageException($"--size must be {StarterRenderer.MinSize}..{StarterRenderer.MaxSize}, got {pixels}");
            var kind = StarterSplit.Parse(result.GetValue(split)!);
            var dir = result.GetValue(output)!;
            StarterDatasetWriter.Write(dir, n, result.GetValue(seed), pixels, kind);
            Console.WriteLine($"{n} examples in {dir}");
            return 0;
        });
        return command;
    }
}
