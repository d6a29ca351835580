using DreamTuner.Engine.Characters;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Lora;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Vision;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// Subject-driven fine-tuning (DreamTuner section 3.3, Fig. 3 stage 2, appendix B) on one reference image:
/// <list type="number">
/// <item>regular images from the detailed caption with subject-encoder and self-subject-attention (<see cref="RegularImages"/>);</item>
/// <item>the reference on a white background (improvement 1);</item>
/// <item>a new word [S*] initialised from the class word, trained as in Textual Inversion (improvement 2);</item>
/// <item>pairs {reference, "a class_word [S*]"} and {regular image, "a class_word"}, one of each per step, each flipped
/// with p 0.5;</item>
/// <item>trainable: LoRA adapters (or, in full mode, the UNet and text encoder) plus the [S*] row plus the
/// subject-encoder ResBlocks when one is loaded (improvement 3), with the subject tokens of the reference injected at
/// beta in both rows, as for the regular images.</item>
/// </list>
/// The loop (<see cref="TrainingLoop"/>) checkpoints into the work folder and resumes from it. When it finishes, the
/// model it ran on carries the trained character; <see cref="TrainedCharacter"/> holds what a package needs.
/// Self-subject-attention is used for the regular images but not inside the training forward pass (the paper does
/// not say it is).
/// </summary>
public sealed class SubjectFineTuner(StableDiffusionModel model)
{
    public const string CheckpointFolder = "checkpoint";
    public const string ValidationFolder = "validation";

    public StableDiffusionModel Model { get; } = model;

    /// <summary>A loaded subject-encoder; its ResBlocks train with the model, the CLIP image encoder stays frozen.</summary>
    public SubjectEncoderIdentity? SubjectEncoder { get; set; }

    public Action<TrainingProgress>? OnStep { get; set; }

    /// <summary>Regular image i of n is ready (generated or read from the cache).</summary>
    public Action<int, int>? OnRegularImage { get; set; }

    /// <summary>A validation image [1, 3, H, W] in [-1, 1] after the given step (also written to the work folder).</summary>
    public Action<int, Tensor>? OnValidationImage { get; set; }

    public TrainedCharacter Run(SubjectFineTuneRequest request, CancellationToken cancellation = default)
    {
        // 1. Check inputs and prepare the reference (white background, fitted to the training square).
        request.Validate();
        var options = request.Options;
        var warnings = new List<string>();
        var mask = request.SubjectMask(warnings);
        var device = Model.Device.Device;
        int resolution = options.Resolution ?? new StableDiffusionPipeline(Model).OutputSize(new GenerationRequest { Prompt = "" }).Width;
        using var scope = NewDisposeScope();
        var image = request.Reference.Image01.to(ScalarType.Float32).cpu();
        var (reference, referenceMask) = ReferenceImages.FitToCanvas(ReferenceImages.ReplaceBackgroundWithWhite(image, mask), mask, resolution, resolution);

        // 2. Regular images (before anything is trained or installed, from the base model).
        var regular = RegularImages.GetOrGenerate(Model, SubjectEncoder, request.Reference with { Mask = mask }, request.EffectiveCaption,
            options.RegularImages, resolution, options, request.WorkDir, OnRegularImage, cancellation);
        Tensor referenceLatents, regularLatents;
        using (no_grad())
        {
            referenceLatents = Encode(cat([reference, reference.flip(3)], 0));            // [2, ...]: as is, flipped
            regularLatents = Encode(cat([regular, regular.flip(3)], 0));                  // [2N, ...]
        }

        // 3. The [S*] word and the trainable sets.
        int tokenId = SubjectToken.Install(Model, request.Token, request.ClassWord);
        foreach (var p in AllModelParameters()) p.requires_grad = false;
        var table = (Parameter)SubjectToken.TokenTable(Model);
        table.requires_grad = true;
        var trainable = new Dictionary<string, Parameter> { ["text_encoder.token_embedding"] = table };
        var groups = new List<AdamW.ParamGroup> { new([table], new AdamW.Options { LearningRate = options.TokenLearningRate, weight_decay = 0 }) };
        var rest = new List<Parameter>();
        LoraSet? lora = null;
        Dictionary<string, Tensor>? fullBase = null;
        if (options.Mode == FineTuneMode.Lora)
        {
            lora = LoraSet.Create(LoraTargets.Find(Model), options.Rank, options.EffectiveLoraAlpha, options.Seed);
            lora.Attach();
            foreach (var (name, p) in lora.NamedParameters()) { trainable[$"lora.{name}"] = p; rest.Add(p); }
        }
        else if (options.Mode == FineTuneMode.Full)
        {
            fullBase = new Dictionary<string, Tensor>();
            foreach (var (name, p) in FullModeParameters())
            {
                p.requires_grad = true;
                trainable[name] = p;
                rest.Add(p);
                fullBase[name] = p.detach().clone().cpu();
            }
        }
        var encoderBase = new Dictionary<string, Tensor>();
        if (SubjectEncoder is not null)
            foreach (var (name, p) in SubjectEncoder.Encoder.named_parameters())
            {
                if (!name.StartsWith("res_blocks.", StringComparison.Ordinal)) continue;
                p.requires_grad = true;
                trainable[$"subject_encoder.{name}"] = p;
                rest.Add(p);
                encoderBase[$"subject_encoder.{name}"] = p.detach().clone().cpu();
            }
        if (rest.Count > 0)
            groups.Add(new(rest, new AdamW.Options { LearningRate = options.EffectiveLearningRate, weight_decay = 0 }));
        var optimizer = optim.AdamW(groups);
        var rowMask = new GradientRowMask(table, [tokenId]);

        // 4. Prompts and the subject-encoder's input.
        var prompts = new[] { $"a {request.ClassWord} {SubjectPrompt.Placeholder}", $"a {request.ClassWord}" }
            .Select(p => SubjectPrompt.Rewrite(p, [request.Token])).ToList();
        var ids = tensor(Model.Tokenizer.EncodeBatch(prompts), device: device);
        Tensor? encoderPixels = SubjectEncoder is null ? null
            : global::DreamTuner.Engine.DreamTuner.SubjectEncoder.PrepareReference(reference, referenceMask, ClipImagePreprocessor.For(SubjectEncoder.Clip.Config)).to(device);
        var loss = new DiffusionLoss(Model.SchedulerConfig);
        int n = options.RegularImages;

        // 5. Train.
        var loop = new TrainingLoop
        {
            Trainable = trainable,
            Optimizer = optimizer,
            TotalSteps = options.Steps,
            Seed = options.Seed,
            MaxGradNorm = options.MaxGradNorm,
            AfterBackward = rowMask.Apply,
            CheckpointDir = Path.Combine(request.WorkDir, CheckpointFolder),
            CheckpointEvery = options.CheckpointEvery,
            OnStep = OnStep,
            ValidationEvery = options.ValidationEvery,
            OnValidation = step => Validate(step, request),
            Loss = (_, g) =>
            {
                // Data draws first, then DiffusionLoss's noise and timesteps, all from the step's generator.
                long pick = randint(0, n, [1], generator: g).item<long>();
                var flip = rand([2], generator: g).lt(0.5f).data<bool>().ToArray();
                var latents = cat([
                    referenceLatents[flip[0] ? 1 : 0].unsqueeze(0),
                    regularLatents[(int)(flip[1] ? n + pick : pick)].unsqueeze(0)], 0);
                var text = Model.TextEncoder.EncodePrompt(ids).to(Model.Device.DType);
                AttentionContext? context = null;
                if (SubjectEncoder is not null)
                {
                    var tokens = SubjectEncoder.Encoder.Encode(SubjectEncoder.Clip, encoderPixels!);
                    context = new AttentionContext().Set(new SubjectTokens(tokens.expand(2, -1, -1),
                        full([2, 1, 1], options.Beta, dtype: ScalarType.Float32, device: device)));
                }
                return loss.Compute(Model.Unet, latents.to(Model.Device.DType), text, g, context);
            },
        };
        var losses = loop.Run(cancellation);
        foreach (var p in trainable.Values) p.requires_grad = false;

        // 6. What a package needs: the token row, the adapters or the deltas.
        var deltas = new Dictionary<string, Tensor>();
        foreach (var (baseline, current) in new[] { (fullBase, trainable), (encoderBase, trainable) })
        {
            if (baseline is null) continue;
            foreach (var (name, before) in baseline)
            {
                var delta = current[name].detach().cpu().to(ScalarType.Float32) - before.to(ScalarType.Float32);
                if (delta.abs().max().item<float>() > 0)
                    deltas[name] = delta.DetachFromDisposeScope();
            }
        }
        return new TrainedCharacter
        {
            Token = request.Token,
            TokenId = tokenId,
            ClassWord = request.ClassWord,
            Caption = request.EffectiveCaption,
            TokenEmbedding = table[tokenId].detach().cpu().to(ScalarType.Float32).clone().DetachFromDisposeScope(),
            Options = options,
            Lora = lora,
            Deltas = deltas,
            Losses = losses,
            Warnings = warnings,
        };
    }

    private Tensor Encode(Tensor images01)
    {
        using var distribution = Model.Vae.Encode((images01 * 2 - 1).to(Model.Device.DType, Model.Device.Device));
        return (distribution.Mean.to(ScalarType.Float32) * Model.Vae.ScalingFactor).contiguous();
    }

    private IEnumerable<Parameter> AllModelParameters() =>
        Model.Unet.parameters().Concat(Model.TextEncoder.parameters()).Concat(Model.Vae.parameters())
            .Concat(SubjectEncoder is null ? [] : SubjectEncoder.Encoder.parameters().Concat(SubjectEncoder.Clip.parameters()));

    /// <summary>Full mode: every UNet weight and every text-encoder weight except the token table (trained by row).</summary>
    private IEnumerable<(string Name, Parameter Parameter)> FullModeParameters()
    {
        foreach (var (name, p) in Model.Unet.named_parameters())
            yield return ($"unet.{name}", p);
        foreach (var (name, p) in Model.TextEncoder.named_parameters())
            if (!name.EndsWith("token_embedding.weight", StringComparison.Ordinal))
                yield return ($"text_encoder.{name}", p);
    }

    private void Validate(int step, SubjectFineTuneRequest request)
    {
        var options = request.Options;
        var prompt = SubjectPrompt.Rewrite(options.ValidationPrompt ?? $"a photo of a {request.ClassWord} {SubjectPrompt.Placeholder}", [request.Token]);
        int resolution = options.Resolution ?? new StableDiffusionPipeline(Model).OutputSize(new GenerationRequest { Prompt = "" }).Width;
        using var result = new StableDiffusionPipeline(Model).Generate(new GenerationRequest
        {
            Prompt = prompt,
            Steps = options.ValidationSteps,
            Seed = options.ValidationSeed,
            Width = resolution,
            Height = resolution,
        });
        var dir = Directory.CreateDirectory(Path.Combine(request.WorkDir, ValidationFolder)).FullName;
        File.WriteAllBytes(Path.Combine(dir, $"step-{step:D5}.png"), ImageTensors.ToPng(result.Images));
        OnValidationImage?.Invoke(step, result.Images);
    }
}
