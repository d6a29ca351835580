using System.CommandLine;
using System.Globalization;
using DreamTuner.Engine.Characters;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// <c>generate</c>: text-to-image / image-to-image from a model folder or single file, to a PNG with A1111 metadata.
/// With <c>--reference</c> it runs subject-driven generation (<see cref="DreamTunerPipeline"/>).
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            DefaultValueFactory = _ => StarterModelFolder.Default(),
            Description = "Diffusers model folder or single-file .safetensors (default: the bundled starter model, models/starter)",
        };
        var config = new Option<string?>("--config") { Description = "Diffusers folder whose config.json files describe a single-file model" };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Tokenizer folder for a single-file model" };
        var controlnet = new Option<string?>("--controlnet") { Description = "ControlNet folder (diffusers layout)" };
        var controlImage = new Option<string?>("--control-image") { Description = "Control image (pose skeleton, depth map)" };
        var controlScale = new Option<double>("--control-scale") { DefaultValueFactory = _ => 1.0 };
        var prompt = new Option<string>("--prompt") { Required = true };
        var negative = new Option<string>("--negative-prompt") { DefaultValueFactory = _ => "" };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 25 };
        var scheduler = new Option<string>("--scheduler") { DefaultValueFactory = _ => SchedulerFactory.DpmPlusPlus2MKarras };
        scheduler.AcceptOnlyFromAmong([.. SchedulerFactory.Names]);
        var guidance = new Option<double>("--guidance") { DefaultValueFactory = _ => 7.5 };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 0 };
        var width = new Option<int?>("--width");
        var height = new Option<int?>("--height");
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 1 };
        var initImage = new Option<string?>("--init-image");
        var strength = new Option<double>("--strength") { DefaultValueFactory = _ => 0.75 };
        var initialNoise = new Option<string?>("--initial-noise") { Description = "safetensors with a tensor 'latents' replacing the seeded noise" };
        var outputLatents = new Option<string?>("--output-latents") { Description = "Write the final latents (tensor 'latents') here" };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => "float32" };
        var output = new Option<string>("--out") { Required = true, Description = "Output PNG (a batch writes NAME-1.png, NAME-2.png, ...)" };
        var characters = new Option<string[]>("--character") { Description = "Character package from finetune (repeat for several); [S*] (or [S1*], [S2*]) in the prompt names it" };
        var dt = new DreamTunerOptions();

        var command = new Command("generate", "Generate images with Stable Diffusion 1.x")
        {
            model, config, tokenizer, controlnet, controlImage, controlScale, prompt, negative, steps, scheduler, guidance, seed,
            width, height, batch, initImage, strength, initialNoise, outputLatents, device, dtype, output, characters,
        };
        dt.AddTo(command);
        command.SetAction((result, cancellation) =>
        {
            var spec = DeviceSpec.Parse(result.GetValue(device)!, result.GetValue(dtype)!);
            using var sd = ModelLoader.Load(result.GetValue(model)!, spec, result.GetValue(config), result.GetValue(tokenizer), result.GetValue(controlnet));
            // Load order: base model, then --subject-encoder, then the packages (whose deltas may go into the encoder).
            using var subjectEncoder = dt.LoadSubjectEncoder(result, sd, spec);
            var loaded = (result.GetValue(characters) ?? []).Select(path => CharacterPackage.Load(sd, path, subjectEncoder)).ToList();
            using var scope = NewDisposeScope();
            var tokens = loaded.Select(c => c.Token).ToList();
            string Rewrite(string text)
            {
                try { return SubjectPrompt.Rewrite(text, tokens); }
                catch (ArgumentException e) { throw new UsageException(e.Message); }
            }
            var request = new GenerationRequest
            {
                Prompt = Rewrite(result.GetValue(prompt)!),
                NegativePrompt = Rewrite(result.GetValue(negative)!),
                Steps = result.GetValue(steps),
                Scheduler = result.GetValue(scheduler)!,
                GuidanceScale = result.GetValue(guidance),
                Seed = result.GetValue(seed),
                Width = result.GetValue(width),
                Height = result.GetValue(height),
                BatchSize = result.GetValue(batch),
                InitImage = result.GetValue(initImage) is { } init ? LoadImage(init, PixelRange.MinusOneToOne, null, null) : null,
                Strength = result.GetValue(strength),
                InitialNoise = result.GetValue(initialNoise) is { } noise ? ReadLatents(noise) : null,
                ControlImage = result.GetValue(controlImage) is { } ci ? LoadImage(ci, PixelRange.ZeroToOne, result.GetValue(width), result.GetValue(height)) : null,
                ControlScale = result.GetValue(controlScale),
            };
            try { request.Validate(); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            var (generated, metadata) = dt.IsRequested(result)
                ? dt.Run(result, sd, request, spec, subjectEncoder, ProgressPrinter, cancellation)
                : (RunWithProgress(new StableDiffusionPipeline(sd), request, cancellation), []);
            var written = WriteImages(generated, request, sd, result.GetValue(output)!, metadata);
            if (result.GetValue(outputLatents) is { } latentsPath)
                StateDict.Write(latentsPath, new Dictionary<string, Tensor> { ["latents"] = generated.Latents });
            foreach (var path in written) Console.WriteLine(path);
            return Task.FromResult(0);
        });
        return command;
    }

    private static void ProgressPrinter(GenerationProgress p) =>
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\rstep {p.Step}/{p.TotalSteps}  {p.Elapsed.TotalSeconds:F1}s elapsed, ~{p.EstimatedRemaining.TotalSeconds:F0}s left   "));

    private static GenerationResult RunWithProgress(StableDiffusionPipeline pipeline, GenerationRequest request, CancellationToken cancellation)
    {
        try
        {
            return pipeline.Generate(request, ProgressPrinter, cancellation);
        }
        finally
        {
            Console.Error.WriteLine();
        }
    }

    private static List<string> WriteImages(GenerationResult generated, GenerationRequest request, StableDiffusionModel sd, string output,
        IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var pngs = ImageTensors.ToPngs(generated.Images);
        var written = new List<string>();
        for (int i = 0; i < pngs.Length; i++)
        {
            var info = GenerationInfo.Create(request.Prompt, request.NegativePrompt, request.Steps, request.Scheduler, request.GuidanceScale,
                request.Seed, (int)generated.Images.shape[3], (int)generated.Images.shape[2], sd.Hash, sd.Name,
                Extra(request, i, pngs.Length).Concat(metadata));
            var path = pngs.Length == 1 ? output : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!,
                $"{Path.GetFileNameWithoutExtension(output)}-{i + 1}{Path.GetExtension(output)}");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllBytes(path, PngParameters.Embed(pngs[i], info));
            written.Add(path);
        }
        return written;
    }

    private static IEnumerable<KeyValuePair<string, string>> Extra(GenerationRequest request, int index, int count)
    {
        if (request.InitImage is not null)
            yield return new("Denoising strength", GenerationInfo.PythonFloat(request.Strength));
        if (count > 1)
        {
            yield return new("Batch size", count.ToString(CultureInfo.InvariantCulture));
            yield return new("Batch pos", index.ToString(CultureInfo.InvariantCulture));
        }
        if (request.ControlImage is not null)
            yield return new("ControlNet scale", GenerationInfo.PythonFloat(request.ControlScale));
    }

    private static Tensor LoadImage(string path, PixelRange range, int? width, int? height)
    {
        if (!File.Exists(path)) throw new UsageException($"image not found: {path}");
        var loaded = ImageTensors.Load(File.ReadAllBytes(path), range, width, height);
        loaded.Alpha?.Dispose();
        return loaded.Pixels;
    }

    private static Tensor ReadLatents(string path)
    {
        var tensors = StateDict.Read(path);
        if (!tensors.Remove("latents", out var latents))
            throw new CheckpointException($"{path} has no tensor named 'latents' (it has: {string.Join(", ", tensors.Keys)})");
        foreach (var t in tensors.Values) t.Dispose();
        return latents;
    }
}
