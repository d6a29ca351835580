using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Imaging;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vision;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// Subject-encoder pretraining (DreamTuner section 3.1, Fig. 3 stage 1): the model learns to denoise an image while
/// its subject-encoder-attention layers see the subject-encoder's tokens of the same image (background removed,
/// distorted by <see cref="EncoderAugmentation"/>), with beta 1.0. Only the subject-encoder head (projection, ResBlocks,
/// output norm and projection) and the S-E-A layers train; the UNet, text encoder, VAE, CLIP image encoder and the
/// depth ControlNet stay frozen. Images with a depth map get the ControlNet's residuals, so layout comes from the
/// depth and the encoder only has to carry content. The shared <see cref="TrainingLoop"/> checkpoints into the work
/// folder and resumes from it.
/// </summary>
public sealed class SubjectEncoderPretrainer(StableDiffusionModel model, SubjectEncoderIdentity subjectEncoder)
{
    public const string CheckpointFolder = "checkpoint";

    public StableDiffusionModel Model { get; } = model;
    public SubjectEncoderIdentity SubjectEncoder { get; } = subjectEncoder;

    /// <summary>The frozen depth ControlNet for images with a <c>NAME.depth.png</c>; null = none.</summary>
    public ControlNetModel? DepthControlNet { get; set; }

    /// <summary>Where masks come from when an image has no <c>NAME.mask.png</c> (the whole image when none answers).</summary>
    public IReadOnlyList<IForegroundSegmenter> Segmenters { get; set; } = [AlphaForegroundSegmenter.Instance];

    public Action<TrainingProgress>? OnStep { get; set; }

    /// <summary>
    /// A new subject-encoder for <paramref name="unet"/> with S-E-A layers installed in every transformer block, its
    /// weights drawn from a generator seeded with <paramref name="seed"/> (not torch's global one, so a resumed run
    /// rebuilds the same starting point). The S-E-A output layers and the ResBlocks' last layers start at zero, so the
    /// untrained encoder leaves the model exactly as it was (section 3.1: "zero initial the output layers").
    /// </summary>
    public static SubjectEncoderIdentity CreateFresh(UNet2DConditionModel unet, ClipVisionModel clip, SubjectEncoderConfig config, long seed)
    {
        config.ValidateAgainst(clip.Config);
        var encoder = new SubjectEncoder(config);
        int crossDim = unet.Config.CrossAttentionDim.Values[0];
        var modules = new List<(string Prefix, nn.Module Module)> { ("subject_encoder.", encoder) };
        foreach (var (name, block) in SubjectEncoderFile.TransformerBlocks(unet))
        {
            block.InstallSubjectAttention(crossDim);
            // Trained layers live in float32 whatever the model's dtype (see KeepTrainableInFloat32).
            block.SubjectAttention!.to(ScalarType.Float32);
            block.SubjectAttentionNorm!.to(ScalarType.Float32);
            modules.Add(($"{name}.attn_se.", block.SubjectAttention!));
        }
        using (no_grad())
        {
            var generator = new Generator(unchecked((ulong)seed), CPU);
            foreach (var (_, module) in modules)
                foreach (var (name, p) in module.named_parameters())
                {
                    // Layers that start at zero (ResBlock fc2, S-E-A to_out) and LayerNorms keep their initial values.
                    if (p.dim() != 2 || p.abs().max().item<float>() == 0) continue;
                    double bound = 1 / Math.Sqrt(p.shape[1]);
                    p.copy_(rand(p.shape, generator: generator).mul(2 * bound).sub(bound));
                    if (module.named_parameters().FirstOrDefault(b => b.name == name[..^"weight".Length] + "bias").parameter is { } bias
                        && bias.abs().max().item<float>() != 0)
                        bias.copy_(rand(bias.shape, generator: generator).mul(2 * bound).sub(bound));
                }
        }
        var reference = unet.parameters().First();
        encoder.to(reference.device);
        return new SubjectEncoderIdentity(encoder, clip);
    }

    /// <summary>
    /// Mixed precision: the frozen model runs in the model's dtype (bfloat16 / float16 when asked for), while the
    /// encoder head and the S-E-A layers stay float32, so updates of lr 1e-5 are not rounded away (as diffusers keeps
    /// trainable LoRA weights in float32). Their inputs are cast on the way in and their outputs on the way out.
    /// </summary>
    private void KeepTrainableInFloat32()
    {
        SubjectEncoder.Encoder.to(ScalarType.Float32);
        foreach (var (_, block) in SubjectEncoderFile.TransformerBlocks(Model.Unet))
        {
            block.SubjectAttention?.to(ScalarType.Float32);
            block.SubjectAttentionNorm?.to(ScalarType.Float32);
        }
    }

    /// <summary>The trainable tensors under the names <see cref="SubjectEncoderFile"/> writes them with.</summary>
    public Dictionary<string, Parameter> TrainableParameters()
    {
        var trainable = new Dictionary<string, Parameter>();
        foreach (var (name, p) in SubjectEncoder.Encoder.named_parameters())
            trainable[global::DreamTuner.Engine.DreamTuner.SubjectEncoder.KeyPrefix + name] = p;
        foreach (var (name, block) in SubjectEncoderFile.TransformerBlocks(Model.Unet))
        {
            if (block.SubjectAttention is null)
                throw new InvalidOperationException($"transformer block {name} has no subject-encoder attention installed.");
            foreach (var (key, p) in block.SubjectAttention.named_parameters()) trainable[$"{SubjectEncoderFile.UnetPrefix}{name}.attn_se.{key}"] = p;
            foreach (var (key, p) in block.SubjectAttentionNorm!.named_parameters()) trainable[$"{SubjectEncoderFile.UnetPrefix}{name}.norm_se.{key}"] = p;
        }
        return trainable;
    }

    /// <summary>
    /// Freezes the model, the image encoder and the ControlNet, and returns the encoder head and S-E-A layers (float32,
    /// requiring gradients) for a training loop: <see cref="Run"/>'s, or a caller that brings its own data (the starter model).
    /// </summary>
    public Dictionary<string, Parameter> PrepareTrainable()
    {
        foreach (var p in FrozenParameters()) p.requires_grad = false;
        KeepTrainableInFloat32();
        var trainable = TrainableParameters();
        foreach (var p in trainable.Values) p.requires_grad = true;
        return trainable;
    }

    /// <summary>Trains for <see cref="SubjectEncoderPretrainOptions.Steps"/> (continuing from <paramref name="workDir"/>'s checkpoint); returns the losses.</summary>
    public IReadOnlyList<double> Run(PretrainingDataset dataset, SubjectEncoderPretrainOptions options, string workDir,
        CancellationToken cancellation = default)
    {
        // 1. Check inputs; freeze everything, then unfreeze the encoder head and the S-E-A layers.
        ArgumentNullException.ThrowIfNull(dataset);
        options.Validate();
        int resolution = ResolutionFor(options);
        if (resolution % Model.Vae.VaeScaleFactor != 0)
            throw new ArgumentException($"resolution must be a multiple of {Model.Vae.VaeScaleFactor} for this model, got {resolution}.");
        var trainable = PrepareTrainable();
        var optimizer = optim.AdamW(trainable.Values, lr: options.LearningRate, weight_decay: 0);

        // 2. Train: every step draws its batch and its noise from the step's generator.
        var resources = new StepResources(options, resolution, Model.SchedulerConfig);
        var loop = new TrainingLoop
        {
            Trainable = trainable,
            Optimizer = optimizer,
            TotalSteps = options.Steps,
            Seed = options.Seed,
            MaxGradNorm = options.MaxGradNorm,
            CheckpointDir = Path.Combine(workDir, CheckpointFolder),
            CheckpointEvery = options.CheckpointEvery,
            OnStep = OnStep,
            Loss = (_, g) => StepLoss(dataset, resources, g),
        };
        var blocks = SubjectEncoderFile.TransformerBlocks(Model.Unet).Select(b => b.Block).ToList();
        foreach (var block in blocks) block.GradientCheckpointing = options.GradientCheckpointing;
        try
        {
            var losses = loop.Run(cancellation);
            return losses;
        }
        finally
        {
            foreach (var block in blocks) block.GradientCheckpointing = false;
            foreach (var p in trainable.Values) p.requires_grad = false;
            resources.Dispose();
        }
    }

    /// <summary>
    /// The mean loss over <paramref name="draws"/> batches drawn as steps 0..draws-1 of a run seeded with
    /// <paramref name="seed"/>, without gradients: the same draws before and after training measure progress.
    /// </summary>
    public double Evaluate(PretrainingDataset dataset, SubjectEncoderPretrainOptions options, int draws, long seed)
    {
        options.Validate();
        using var resources = new StepResources(options, ResolutionFor(options), Model.SchedulerConfig);
        using var noGrad = no_grad();
        double total = 0;
        for (int k = 0; k < draws; k++)
        {
            using var scope = NewDisposeScope();
            using var generator = StepGenerator.For(seed, k);
            total += StepLoss(dataset, resources, generator).item<float>();
        }
        return total / draws;
    }

    /// <summary>
    /// Draws a batch with <paramref name="generator"/>: which images (uniformly, with replacement), then each image's
    /// augmentation. The augmentation reaches only the encoder's pixels; the latents are the plain image's.
    /// </summary>
    public PretrainingBatch PrepareBatch(PretrainingDataset dataset, SubjectEncoderPretrainOptions options, Generator generator)
    {
        using var resources = new StepResources(options, ResolutionFor(options), Model.SchedulerConfig);
        return PrepareBatch(dataset, resources, generator);
    }

    private PretrainingBatch PrepareBatch(PretrainingDataset dataset, StepResources resources, Generator generator)
    {
        var options = resources.Options;
        var indices = randint(0, dataset.Count, [options.BatchSize], dtype: ScalarType.Int64, generator: generator).data<long>()
            .Select(i => (int)i).ToArray();
        var samples = indices.Select(i => dataset.Load(i, resources.Resolution, Segmenters)).ToList();
        var preprocessor = ClipImagePreprocessor.For(SubjectEncoder.Clip.Config);
        var pixels = samples.Select(s => EncoderPixels(resources.Augmentation, preprocessor, s.Image01, s.Mask, generator)).ToArray();
        var latents = cat(indices.Select((i, k) => Latents(i, samples[k], resources.LatentCache)).ToArray(), 0);
        Tensor? depth = null, rows = null;
        if (samples.Any(s => s.Depth01 is not null))
        {
            depth = cat(samples.Select(s => s.Depth01 ?? zeros_like(s.Image01)).ToArray(), 0);
            rows = tensor(samples.Select(s => s.Depth01 is null ? 0f : 1f).ToArray()).view(-1, 1, 1, 1);
        }
        return new PretrainingBatch(latents, cat(pixels, 0), samples.Select(s => s.Caption).ToList(), depth, rows);
    }

    /// <summary>One step's loss: batch draws first, then DiffusionLoss's noise and timesteps, all from <paramref name="generator"/>.</summary>
    private Tensor StepLoss(PretrainingDataset dataset, StepResources resources, Generator generator)
    {
        var options = resources.Options;
        var batch = PrepareBatch(dataset, resources, generator);
        return BatchLoss(batch, options.Beta, options.ControlScale, resources.Diffusion, generator);
    }

    /// <summary>
    /// What one image of a batch shows the subject-encoder: <paramref name="image01"/> [1, 3, H, W] and its mask distorted
    /// by <paramref name="augmentation"/> (draws from <paramref name="generator"/>), then on white and CLIP-normalised.
    /// </summary>
    public static Tensor EncoderPixels(EncoderAugmentation augmentation, ClipImagePreprocessor preprocessor, Tensor image01, Tensor mask,
        Generator generator)
    {
        ArgumentNullException.ThrowIfNull(augmentation);
        var (image, augmentedMask) = augmentation.Apply(image01, mask, generator);
        return global::DreamTuner.Engine.DreamTuner.SubjectEncoder.PrepareReference(image, augmentedMask, preprocessor);
    }

    /// <summary>
    /// The diffusion loss of a prepared batch with the subject tokens of its encoder pixels at strength
    /// <paramref name="beta"/>, and the frozen ControlNet's residuals for rows with a control (depth or pose) image.
    /// DiffusionLoss's noise and timesteps come from <paramref name="generator"/>.
    /// </summary>
    public Tensor BatchLoss(PretrainingBatch batch, double beta, double controlScale, DiffusionLoss diffusion, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(diffusion);
        var device = Model.Device.Device;
        var dtype = Model.Device.DType;
        Tensor text;
        using (no_grad())
            text = Model.TextEncoder.EncodePrompt(tensor(Model.Tokenizer.EncodeBatch(batch.Captions), device: device)).to(dtype);
        var tokens = SubjectEncoder.Encoder.Encode(SubjectEncoder.Clip, batch.EncoderPixels.to(dtype).to(device));
        var context = new AttentionContext().Set(new SubjectTokens(tokens,
            full([batch.Captions.Count, 1, 1], beta, dtype: ScalarType.Float32, device: device)));
        var latents = batch.Latents.to(device);
        return diffusion.Compute((noisy, t) =>
        {
            var (down, mid) = DepthResiduals(batch, noisy, t, text, controlScale);
            return Model.Unet.Forward(noisy, t, text, down, mid, context);
        }, latents.to(dtype), generator);
    }

    /// <summary>
    /// The frozen ControlNet's residuals for the rows that have a depth map (zero for the others), or none when no row
    /// has one or no ControlNet is loaded. It does not see the subject tokens, so it runs without gradients.
    /// </summary>
    private (IReadOnlyList<Tensor>? Down, Tensor? Mid) DepthResiduals(PretrainingBatch batch, Tensor noisy, Tensor t, Tensor text, double scale)
    {
        if (DepthControlNet is null || batch.Depth01 is null || batch.DepthRows is null) return (null, null);
        var net = DepthControlNet;
        int factor = 1 << (net.Config.ConditioningEmbeddingOutChannels.Count - 1);
        int h = (int)noisy.shape[2] * factor, w = (int)noisy.shape[3] * factor;
        var depth = batch.Depth01.shape[2] == h && batch.Depth01.shape[3] == w ? batch.Depth01 : ImageTensors.Resize(batch.Depth01, w, h).clamp(0, 1);
        var rows = batch.DepthRows.to(noisy.dtype).to(noisy.device);
        using var noGrad = no_grad();
        var (down, mid) = net.Forward(noisy, t, text, depth.to(noisy.dtype).to(noisy.device), scale);
        return (down.Select(r => r * rows).ToList(), mid * rows);
    }

    private int ResolutionFor(SubjectEncoderPretrainOptions options) =>
        options.Resolution ?? new StableDiffusionPipeline(Model).OutputSize(new GenerationRequest { Prompt = "" }).Width;

    /// <summary>The VAE mean of the un-augmented image, scaled; computed once per example (the VAE is frozen).</summary>
    private Tensor Latents(int index, PretrainingSample sample, Dictionary<int, Tensor> cache)
    {
        if (!cache.TryGetValue(index, out var latents))
        {
            using var noGrad = no_grad();
            using var distribution = Model.Vae.Encode((sample.Image01 * 2 - 1).to(Model.Device.DType).to(Model.Device.Device));
            latents = (distribution.Mean.to(ScalarType.Float32) * Model.Vae.ScalingFactor).cpu().contiguous().DetachFromDisposeScope();
            cache[index] = latents;
        }
        return latents;
    }

    private IEnumerable<Parameter> FrozenParameters() =>
        Model.Unet.parameters().Concat(Model.TextEncoder.parameters()).Concat(Model.Vae.parameters())
            .Concat(SubjectEncoder.Clip.parameters())
            .Concat(DepthControlNet?.parameters() ?? []);

    /// <summary>What every step of a run shares; the latent cache lives as long as the run.</summary>
    private sealed class StepResources(SubjectEncoderPretrainOptions options, int resolution, Schedulers.SchedulerConfig scheduler) : IDisposable
    {
        public SubjectEncoderPretrainOptions Options { get; } = options;
        public int Resolution { get; } = resolution;
        public EncoderAugmentation Augmentation { get; } = new(options.Augmentation);
        public DiffusionLoss Diffusion { get; } = new(scheduler);
        public Dictionary<int, Tensor> LatentCache { get; } = [];

        public void Dispose()
        {
            foreach (var t in LatentCache.Values) t.Dispose();
            LatentCache.Clear();
        }
    }
}
