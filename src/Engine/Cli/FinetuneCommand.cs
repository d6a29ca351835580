using System.CommandLine;
using System.Globalization;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// <c>finetune</c>: subject-driven fine-tuning (DreamTuner section 3.3) of one character from one reference image,
/// written as a character package (<c>NAME.safetensors</c> + <c>NAME.json</c>). Progress (step, loss, ETA) goes to
/// stderr; <c>--resume</c> continues from the work folder's checkpoint and cached regular images.
/// </summary>
public static class FinetuneCommand
{
    public static Command Create()
    {
        var defaults = new SubjectFineTuneOptions();
        var model = new Option<string>("--model") { Description = "Diffusers model folder or single-file .safetensors", Required = true };
        var image = new Option<string>("--image") { Description = "The reference image of the character", Required = true };
        var mask = new Option<string?>("--mask") { Description = "Foreground mask (white = subject); default: the image's alpha, else the whole image" };
        var classWord = new Option<string>("--class-word") { Description = "What the character is (e.g. dog, girl)", Required = true };
        var caption = new Option<string?>("--caption") { Description = "Detailed caption of the reference (regular images are generated from it)" };
        var token = new Option<string?>("--token") { Description = "The character's word in prompts (default: <NAME> from --out)" };
        var mode = new Option<string>("--mode") { DefaultValueFactory = _ => "lora", Description = "lora | full" };
        mode.AcceptOnlyFromAmong("lora", "full");
        var rank = new Option<int>("--rank") { DefaultValueFactory = _ => defaults.Rank };
        var lr = new Option<double?>("--lr") { Description = "Learning rate of everything but [S*] (default 1e-4 LoRA, 1e-6 full)" };
        var tokenLr = new Option<double>("--token-lr") { DefaultValueFactory = _ => defaults.TokenLearningRate };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => defaults.Steps };
        var regular = new Option<int>("--regular-images") { DefaultValueFactory = _ => defaults.RegularImages, Description = "Regular images (paper: 32)" };
        var regularSteps = new Option<int>("--regular-image-steps") { DefaultValueFactory = _ => defaults.RegularImageSteps };
        var resolution = new Option<int?>("--resolution") { Description = "Training square in pixels (default: the model's)" };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { DefaultValueFactory = _ => defaults.CheckpointEvery };
        var validateEvery = new Option<int>("--validate-every") { DefaultValueFactory = _ => 0, Description = "Validation image every N steps (0 = none)" };
        var validationPrompt = new Option<string?>("--validation-prompt") { Description = "Default: a photo of a CLASS [S*]" };
        var work = new Option<string?>("--work") { Description = "Work folder (regular images, checkpoints); default NAME.work next to --out" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the work folder's checkpoint" };
        var subjectEncoder = new Option<string?>("--subject-encoder") { Description = "Subject-encoder .safetensors to train along (needs --image-encoder)" };
        var imageEncoder = new Option<string?>("--image-encoder") { Description = "CLIP image encoder folder" };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => "float32" };
        var output = new Option<string>("--out") { Required = true, Description = "Character package PACKAGE.safetensors (PACKAGE.json is written beside it)" };
        var command = new Command("finetune", "Learn a character from one reference image (DreamTuner subject-driven fine-tuning)")
        {
            model, image, mask, classWord, caption, token, mode, rank, lr, tokenLr, steps, regular, regularSteps, resolution, seed,
            checkpointEvery, validateEvery, validationPrompt, work, resume, subjectEncoder, imageEncoder, device, dtype, output,
        };
        command.SetAction((result, cancellation) =>
        {
            var outPath = result.GetValue(output)!;
            var name = Path.GetFileNameWithoutExtension(outPath);
            var workDir = result.GetValue(work) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, name + ".work");
            var checkpoint = Path.Combine(workDir, SubjectFineTuner.CheckpointFolder);
            if (!result.GetValue(resume) && Directory.Exists(checkpoint))
                throw new UsageException($"{workDir} holds a checkpoint of an earlier run: pass --resume to continue it, or another --work folder.");
            var options = new SubjectFineTuneOptions
            {
                Mode = result.GetValue(mode) == "full" ? FineTuneMode.Full : FineTuneMode.Lora,
                Rank = result.GetValue(rank),
                LearningRate = result.GetValue(lr),
                TokenLearningRate = result.GetValue(tokenLr),
                Steps = result.GetValue(steps),
                RegularImages = result.GetValue(regular),
                RegularImageSteps = result.GetValue(regularSteps),
                Resolution = result.GetValue(resolution),
                Seed = result.GetValue(seed),
                CheckpointEvery = result.GetValue(checkpointEvery),
                ValidationEvery = result.GetValue(validateEvery),
                ValidationPrompt = result.GetValue(validationPrompt),
            };
            var request = new SubjectFineTuneRequest
            {
                Reference = DreamTunerReference.FromFiles(result.GetValue(image)!, result.GetValue(mask)),
                ClassWord = result.GetValue(classWord)!,
                Caption = result.GetValue(caption),
                Token = result.GetValue(token) ?? $"<{name.ToLowerInvariant().Replace(' ', '-')}>",
                Options = options,
                WorkDir = workDir,
            };
            var spec = DeviceSpec.Parse(result.GetValue(device)!, result.GetValue(dtype)!);
            using var sd = ModelLoader.Load(result.GetValue(model)!, spec);
            var tuner = new SubjectFineTuner(sd)
            {
                OnRegularImage = (i, n) => Console.Error.Write($"\rregular image {i}/{n}   "),
                OnStep = p => Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                    $"\rstep {p.Step}/{p.TotalSteps}  loss {p.Loss:F4}  {p.Elapsed.TotalSeconds:F0}s elapsed, ~{p.EstimatedRemaining.TotalSeconds:F0}s left   ")),
                OnValidationImage = (step, _) => Console.Error.WriteLine($"\nvalidation image for step {step} in {Path.Combine(workDir, SubjectFineTuner.ValidationFolder)}"),
            };
            var se = result.GetValue(subjectEncoder);
            if (se is not null)
            {
                var ie = result.GetValue(imageEncoder) ?? throw new UsageException("--subject-encoder needs --image-encoder (a CLIP image encoder folder).");
                tuner.SubjectEncoder = SubjectEncoderFile.Load(se, sd.Unet, ClipVisionModel.FromFolder(ie, spec.Device, spec.DType));
            }
            try
            {
                using var trained = tuner.Run(request, cancellation);
                Console.Error.WriteLine();
                foreach (var warning in trained.Warnings) Console.Error.WriteLine($"warning: {warning}");
                CharacterPackage.Save(outPath, sd, trained);
                Console.WriteLine(outPath);
                Console.WriteLine(CharacterManifest.PathFor(outPath));
                Console.Error.WriteLine($"use \"{trained.Token}\" (or [S*]) in prompts with --character {outPath}");
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            finally
            {
                tuner.SubjectEncoder?.Dispose();
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
