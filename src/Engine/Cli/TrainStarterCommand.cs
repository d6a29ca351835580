using System.CommandLine;
using DreamTuner.Engine.Starter.Training;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// <c>train-starter --out DIR [--work DIR] [--seed S] [--budget-minutes 90] [--stage all] [--scale full]</c>: trains the
/// bundled starter model into a diffusers folder, resumable from the checkpoints in the work folder.
/// </summary>
public static class TrainStarterCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Required = true, Description = "Model folder to write (diffusers layout, plus controlnet/ and clip/)" };
        var work = new Option<string?>("--work") { Description = "Checkpoints, plan and stage reports (default: OUT.work beside the model folder)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0, Description = "World, initialisation and step seed" };
        var budget = new Option<double>("--budget-minutes") { DefaultValueFactory = _ => 90, Description = "Training time split between the stages from measured step times" };
        var stage = new Option<string>("--stage") { DefaultValueFactory = _ => "all", Description = "all | vae | text | unet | controlnet | clip | subject-encoder | evaluator (text and unet are one joint stage; the evaluator is SpriteBench's judge, trained outside the budget)" };
        stage.AcceptOnlyFromAmong([.. StarterStages.Names]);
        var scale = new Option<string>("--scale") { DefaultValueFactory = _ => "full", Description = "tiny (tests) | full (the shipped model)" };
        scale.AcceptOnlyFromAmong("tiny", "full");
        var steps = new Option<int?>("--steps-per-stage") { Description = "Train this many steps per stage instead of filling the budget" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { DefaultValueFactory = _ => 200, Description = "Steps between checkpoints" };
        var planOnly = new Option<bool>("--plan-only") { Description = "Measure step times, print the plan and stop" };
        var subjectWeight = new Option<double>("--subject-loss-weight")
        {
            DefaultValueFactory = _ => 1,
            Description = "Weight of sprite positions against background in the diffusion stages' loss (1: plain mean)",
        };
        var vaeSubjectWeight = new Option<double>("--vae-subject-weight")
        {
            DefaultValueFactory = _ => 1,
            Description = "Weight of sprite pixels against background in the VAE's reconstruction loss (1: plain mean)",
        };
        var minSnr = new Option<double?>("--min-snr-gamma")
        {
            Description = "Min-SNR-gamma weighting of the diffusion stages' loss, e.g. 5 (default: none)",
        };
        var textUnetLr = new Option<double?>("--text-unet-lr") { Description = $"Peak learning rate of the text+unet stage (default {TextUnetStageBuilder.LearningRate:G})" };
        var cosine = new Option<bool>("--cosine-lr") { Description = "Warm up, then decay every stage's learning rate along a half cosine to a tenth (default: constant)" };
        var latentChannels = new Option<int>("--latent-channels") { DefaultValueFactory = _ => 4, Description = "Latent channels of the VAE and UNet (SD 1.x: 4)" };
        var unetChannels = new Option<string?>("--unet-channels")
        {
            Description = "Output channels of the UNet's three blocks, comma-separated (default 48,96,192; multiples of 16)",
        };
        var tokenLength = new Option<int?>("--token-length")
        {
            Description = $"Ids per caption of the text encoder, CLIP text tower and tokenizer (default: the folder's text encoder's, else 77; at least {StarterArchitecture.MinTokenLength})",
        };
        var planFile = new Option<string?>("--plan")
        {
            Description = "Train this plan (a model's train_plan.json) instead of probing step times; a work folder with a plan keeps its own",
        };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for libtorch (default: its own choice; 1 can be faster on a busy machine)" };
        var command = new Command("train-starter", "Train the bundled starter model on the synthetic world")
        {
            output, work, seed, budget, stage, scale, steps, checkpointEvery, planOnly, subjectWeight, vaeSubjectWeight, minSnr, textUnetLr, cosine, latentChannels,
            unetChannels, tokenLength, planFile, threads,
        };
        command.SetAction(result =>
        {
            var minutes = result.GetValue(budget);
            if (minutes <= 0)
                throw new UsageException($"--budget-minutes must be positive, got {minutes}");
            if (result.GetValue(steps) is < 1)
                throw new UsageException($"--steps-per-stage must be 1 or more, got {result.GetValue(steps)}");
            if (result.GetValue(checkpointEvery) < 1)
                throw new UsageException($"--checkpoint-every must be 1 or more, got {result.GetValue(checkpointEvery)}");
            if (result.GetValue(subjectWeight) is var weight && !(weight >= 1))
                throw new UsageException($"--subject-loss-weight must be 1 or more, got {weight}");
            if (result.GetValue(vaeSubjectWeight) is var vaeWeight && !(vaeWeight >= 1))
                throw new UsageException($"--vae-subject-weight must be 1 or more, got {vaeWeight}");
            if (result.GetValue(minSnr) is { } gamma && !(gamma > 0 && double.IsFinite(gamma)))
                throw new UsageException($"--min-snr-gamma must be a positive number, got {gamma}");
            if (result.GetValue(textUnetLr) is { } lr && !(lr > 0 && lr < 1))
                throw new UsageException($"--text-unet-lr must lie between 0 and 1, got {lr}");
            if (result.GetValue(latentChannels) is var channels && channels is < 1 or > 64)
                throw new UsageException($"--latent-channels must lie between 1 and 64, got {channels}");
            var blocks = ParseUnetChannels(result.GetValue(unetChannels), result.GetValue(scale) == "tiny" ? StarterScale.Tiny : StarterScale.Full);
            if (result.GetValue(tokenLength) is { } length)
                CheckTokenLength(length);
            if (result.GetValue(planFile) is { } path && !File.Exists(path))
                throw new UsageException($"--plan {path}: no such file");
            if (result.GetValue(threads) is { } n)
            {
                if (n < 1)
                    throw new UsageException($"--threads must be 1 or more, got {n}");
                TorchSharp.torch.set_num_threads(n);
            }
            var options = new StarterTrainingOptions
            {
                OutDir = result.GetValue(output)!,
                WorkDir = result.GetValue(work),
                Seed = result.GetValue(seed),
                BudgetMinutes = minutes,
                Scale = result.GetValue(scale) == "tiny" ? StarterScale.Tiny : StarterScale.Full,
                Stages = StarterStages.Parse(result.GetValue(stage)!),
                StepsPerStage = result.GetValue(steps),
                PlanFile = result.GetValue(planFile),
                CheckpointEvery = result.GetValue(checkpointEvery),
                PlanOnly = result.GetValue(planOnly),
                SubjectLossWeight = result.GetValue(subjectWeight),
                VaeSubjectWeight = result.GetValue(vaeSubjectWeight),
                MinSnrGamma = result.GetValue(minSnr),
                TextUnetLearningRate = result.GetValue(textUnetLr),
                CosineSchedule = result.GetValue(cosine),
                LatentChannels = result.GetValue(latentChannels),
                UnetChannels = blocks,
                TokenLength = result.GetValue(tokenLength),
                CommandLine = "dotnet DreamTuner.Engine.dll " + string.Join(' ', result.Tokens.Select(t => t.Value)),
                Log = Console.WriteLine,
            };
            var trained = new StarterTrainer(options).Run();
            Console.WriteLine($"{trained.Reports.Count} stages trained in {options.OutDir}");
            return 0;
        });
        return command;
    }

    /// <summary>The architecture's own check, as a one-line usage error before anything is written.</summary>
    private static void CheckTokenLength(int length)
    {
        try
        {
            StarterArchitecture.Full.WithTokenLength(length);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--token-length {length}: " + e.Message.Split(" (Parameter")[0]);
        }
    }

    private static IReadOnlyList<int>? ParseUnetChannels(string? text, StarterScale scale)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var channels = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out channels[i]))
                throw new UsageException($"--unet-channels wants comma-separated whole numbers, e.g. 32,64,128; got '{text}'");
        try
        {
            StarterArchitecture.For(scale).WithUnetChannels(channels);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--unet-channels: " + e.Message.Split(" (Parameter")[0]);
        }
        return channels;
    }
}
