using System.Diagnostics;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// DreamTuner inference (paper section 3, Stage-3): coarse identity from the subject-encoder (or IP-Adapter) with
/// strength beta (Eq. 1), fine identity from self-subject-attention on the noised reference (Eq. 3), and interleaved
/// classifier-free guidance (Eq. 4-6). Reuses <see cref="StableDiffusionPipeline"/>'s latent preparation and decoding.
/// <para>
/// Each step is ONE batched UNet call with rows [generated x n (text c, with reference),
/// generated x n (Eq. 4: text c, no reference / Eq. 5: text uc, with reference), reference x R at t - dt,
/// (Eq. 5 only, when t + dt' differs) reference x R at t + dt']. Reference rows use the reference caption and the
/// same UNet (S-E-A included, with the reference's own tokens); their attn1 keys/values feed the generated rows via
/// <see cref="SelfSubjectAttentionProcessor"/>. ControlNet residuals go to generated rows only (zeros for reference
/// rows: the reference keeps its own layout).
/// </para>
/// <para>
/// Randomness: the initial latents use the seeded generator exactly as <see cref="StableDiffusionPipeline"/> does
/// (so p_r = 0 with an all-background mask reproduces it); lambda_t of Eq. 6 comes from its own generator seeded
/// by the seed, and the reference noise from a third (seed + 1), drawn once per generation and reused at every
/// step and both shifts, so the reference features change smoothly with t.
/// </para>
/// </summary>
public sealed class DreamTunerPipeline(StableDiffusionModel model)
{
    public StableDiffusionModel Model { get; } = model;

    /// <summary>Loaded DreamTuner subject-encoder (see <see cref="SubjectEncoderFile"/>), used when the request asks for it.</summary>
    public ICoarseIdentityModule? SubjectEncoder { get; set; }

    /// <summary>Loaded IP-Adapter, used when the request asks for it.</summary>
    public ICoarseIdentityModule? IPAdapter { get; set; }

    /// <summary>Puts a loaded coarse-identity module where a request of <paramref name="kind"/> looks for it (nothing for None).</summary>
    public void UseCoarseIdentity(ICoarseIdentityModule? module, CoarseIdentityKind kind)
    {
        switch (kind)
        {
            case CoarseIdentityKind.SubjectEncoder: SubjectEncoder = module; break;
            case CoarseIdentityKind.IPAdapter: IPAdapter = module; break;
        }
    }

    /// <summary>Asked in order when a reference has no user mask; the whole image is the fallback (with a warning).</summary>
    public IReadOnlyList<IForegroundSegmenter> Segmenters { get; set; } = [AlphaForegroundSegmenter.Instance];

    public DreamTunerResult Generate(DreamTunerRequest request, Action<GenerationProgress>? onStep = null,
        CancellationToken cancellation = default)
    {
        // 1. Check inputs.
        request.Validate();
        var baseRequest = request.Base;
        var sd = new StableDiffusionPipeline(Model);
        var (width, height) = sd.OutputSize(baseRequest);
        var device = Model.Device.Device;
        int n = baseRequest.BatchSize;
        if (baseRequest.ControlImage is not null && Model.ControlNet is null)
            throw new ArgumentException("A control image was given but no ControlNet is loaded.");
        var identity = request.CoarseIdentity switch
        {
            CoarseIdentityKind.None => null,
            CoarseIdentityKind.SubjectEncoder => SubjectEncoder ?? throw new ArgumentException("the subject-encoder was chosen but none is loaded."),
            CoarseIdentityKind.IPAdapter => IPAdapter ?? throw new ArgumentException("IP-Adapter was chosen but none is loaded."),
            _ => throw new ArgumentException($"coarse identity {request.CoarseIdentity} does not exist."),
        };
        var warnings = new List<string>();
        var branches = new List<GuidanceBranch>();

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)baseRequest.Seed, CPU);
        var branchGenerator = new Generator((ulong)baseRequest.Seed, CPU);
        var referenceGenerator = new Generator(unchecked((ulong)baseRequest.Seed + 1), CPU);

        // 2. Encode the prompts: c, uc (Eq. 5's undesired condition) and the reference caption.
        var cond = PromptEncoder.Encode(Model.Tokenizer, Model.TextEncoder, baseRequest.Prompt, n, device, baseRequest.ClipSkip);
        var uncond = PromptEncoder.Encode(Model.Tokenizer, Model.TextEncoder, baseRequest.NegativePrompt, n, device, baseRequest.ClipSkip);
        var refText = PromptEncoder.Encode(Model.Tokenizer, Model.TextEncoder, request.ReferencePrompt ?? baseRequest.Prompt, 1, device, baseRequest.ClipSkip);

        // 3. Set timesteps.
        using var scheduler = SchedulerFactory.Create(baseRequest.Scheduler, Model.SchedulerConfig);
        scheduler.SetTimesteps(baseRequest.Steps, baseRequest.InitImage is null ? 1.0 : baseRequest.Strength);
        var noising = new ReferenceNoising(Model.SchedulerConfig);

        // 4. Prepare latents (generated image, then references).
        var latents = baseRequest.InitImage is null
            ? sd.PrepareTextToImageLatents(baseRequest, scheduler, generator, n, width, height)
            : sd.PrepareImageToImageLatents(baseRequest, scheduler, generator, n);
        var (refImages, refMasks) = PrepareReferences(request, width, height, warnings);
        int r = (int)refImages.shape[0];
        var refLatents = EncodeReferences(refImages);
        var refNoise = randn(refLatents.shape, dtype: ScalarType.Float32, generator: referenceGenerator).to(device);
        var ssaMasks = request.NoMask ? ones_like(refMasks) : refMasks;
        using var bias = new SelfSubjectAttentionBias(ssaMasks, (int)latents.shape[2], (int)latents.shape[3], request.WRef);
        var identityTokens = identity?.EncodeReferences(refImages, refMasks);
        var control = PrepareControl(baseRequest, n, width, height);

        // 5. Denoise.
        using var restore = new ProcessorRestore(Model.Unet);
        using var activation = identity?.Activate(Model.Unet);
        InstallSelfSubjectAttention(request.SelfSubjectAttentionLayers);
        var clock = Stopwatch.StartNew();
        int total = scheduler.StepCount;
        for (int i = 0; i < total; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            // Eq. 6 with lambda in [0, 1): "lambda < p_r" instead of "<=" makes p_r = 0 never and p_r = 1 always
            // choose Eq. 4 (the two differ only on a set of probability zero).
            double lambda = rand(1, generator: branchGenerator).item<float>();
            var branch = lambda < request.PR ? GuidanceBranch.ReferenceGuided : GuidanceBranch.TextGuided;
            branches.Add(branch);
            var noise = PredictNoise(latents, i, total, scheduler, noising, branch, request, cond, uncond, refText,
                refLatents, refNoise, r, bias, identity, identityTokens, control);
            var result = scheduler.Step(noise, i, latents, generator);
            onStep?.Invoke(new GenerationProgress(i + 1, total, result.PredOriginal, result.PrevSample, clock.Elapsed));
            // Free the previous sample now, as StableDiffusionPipeline does: a long run holds one sample, not one per step.
            if (!ReferenceEquals(latents, result.PrevSample)) latents.Dispose();
            latents = result.PrevSample.MoveToOuterDisposeScope();
        }

        // 6. Decode.
        var images = sd.Decode(latents);
        var output = new GenerationResult(images.cpu().MoveToOuterDisposeScope(), latents.cpu().MoveToOuterDisposeScope());
        return new DreamTunerResult(output, branches, warnings);
    }

    private Tensor PredictNoise(Tensor latents, int i, int total, IScheduler scheduler, ReferenceNoising noising, GuidanceBranch branch,
        DreamTunerRequest request, Tensor cond, Tensor uncond, Tensor refText, Tensor refLatents, Tensor refNoise, int r,
        SelfSubjectAttentionBias bias, ICoarseIdentityModule? identity, Tensor? identityTokens, Tensor? control)
    {
        var device = Model.Device.Device;
        var dtype = Model.Device.DType;
        int n = (int)latents.shape[0];
        bool eq4 = branch == GuidanceBranch.ReferenceGuided;
        double t = scheduler.TimestepAt(i).to(ScalarType.Float64).item<double>();
        double tauCond = noising.Shift(t, -request.DeltaT);
        double tauUncond = noising.Shift(t, request.DeltaTPrime);
        bool secondReference = !eq4 && tauUncond != tauCond;

        // Rows: [A: x, c, ref@tauCond] [B/C: x, c or uc, none or ref] [refs@tauCond] [refs@tauUncond].
        var generated = scheduler.ScaleModelInput(cat([latents, latents], 0), i);
        var refRows = new List<Tensor> { noising.Noise(refLatents, refNoise, tauCond) };
        var timesteps = new List<double>(Enumerable.Repeat(t, 2 * n));
        timesteps.AddRange(Enumerable.Repeat(tauCond, r));
        if (secondReference)
        {
            refRows.Add(noising.Noise(refLatents, refNoise, tauUncond));
            timesteps.AddRange(Enumerable.Repeat(tauUncond, r));
        }
        var input = cat([generated, .. refRows], 0).to(dtype);
        int batch = (int)input.shape[0];
        var tTensor = tensor(timesteps.Select(x => (float)x).ToArray(), device: device);
        var text = cat([cond, eq4 ? cond : uncond, refText.expand(batch - 2 * n, -1, -1)], 0);

        var context = new AttentionContext();
        int firstRef = 2 * n, secondRef = secondReference ? 2 * n + r : 2 * n;
        var rows = new List<int>();
        var refsOfRow = new List<IReadOnlyList<int>>();
        // Generated rows in batch order (a prefix of the batch), so the processor slices instead of gathering.
        for (int k = 0; k < (eq4 ? n : 2 * n); k++)
        {
            rows.Add(k);
            refsOfRow.Add(Enumerable.Range(k < n ? firstRef : secondRef, r).ToList());
        }
        context.Set(new SelfSubjectAttentionInput(bias, rows, refsOfRow));
        if (identity is not null && identityTokens is not null)
        {
            // Eq. 1's beta on every row that sees the reference; 0 on Eq. 4's reference-free row.
            var beta = Enumerable.Repeat((float)request.Beta, batch).ToArray();
            if (eq4)
                for (int k = n; k < 2 * n; k++) beta[k] = 0;
            identity.AddTo(context, identityTokens.expand(batch, -1, -1),
                tensor(beta, device: device).view(batch, 1, 1));
        }

        IReadOnlyList<Tensor>? down = null;
        Tensor? mid = null;
        double fraction = (double)i / total;
        if (control is not null && fraction >= request.ControlStart && fraction < request.ControlEnd)
        {
            var genInput = input[..(2 * n)];
            var (d, m) = Model.ControlNet!.Forward(genInput, tTensor[..(2 * n)], text[..(2 * n)], control, request.Base.ControlScale);
            down = d.Select(x => PadRows(x, batch)).ToList();
            mid = PadRows(m, batch);
        }
        var output = Model.Unet.Forward(input, tTensor, text.to(dtype), down, mid, context).to(ScalarType.Float32);
        var withReference = output[..n];
        var other = output[n..(2 * n)];
        // Eq. 4: omega_r*A - (omega_r-1)*B; Eq. 5: omega_c*A - (omega_c-1)*C; written as X + omega*(A - X), the same
        // arithmetic as StableDiffusionPipeline's guidance so that Eq. 5 without reference reproduces it.
        double omega = eq4 ? request.OmegaR : request.EffectiveOmegaC;
        return other + omega * (withReference - other);
    }

    private static Tensor PadRows(Tensor x, int batch) =>
        x.shape[0] == batch ? x : cat([x, zeros([batch - x.shape[0], .. x.shape[1..]], dtype: x.dtype, device: x.device)], 0);

    private void InstallSelfSubjectAttention(IReadOnlyCollection<string>? layers)
    {
        var selfLayers = Model.Unet.AttentionModules.Where(m => m.Name.EndsWith(".attn1", StringComparison.Ordinal)).Select(m => m.Name).ToHashSet();
        if (layers is not null && layers.FirstOrDefault(l => !selfLayers.Contains(l)) is { } unknown)
            throw new ArgumentException($"{unknown} is not a self-attention (attn1) layer of this UNet.");
        var chosen = layers is null ? selfLayers : layers.ToHashSet();
        Model.Unet.SetAttnProcessor((name, _) => chosen.Contains(name) ? SelfSubjectAttentionProcessor.Instance : null);
    }

    /// <summary>Masks (user mask, else segmenters, else whole image with a warning), then each reference fitted to the output size.</summary>
    private (Tensor Images01, Tensor Masks) PrepareReferences(DreamTunerRequest request, int width, int height, List<string> warnings)
    {
        var images = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int i = 0; i < request.References.Count; i++)
        {
            var reference = request.References[i];
            var image = reference.Image01.to(ScalarType.Float32).cpu();
            var mask = reference.Mask?.to(ScalarType.Float32).cpu()
                ?? Segmenters.Select(s => s.Segment(image, reference.Alpha?.to(ScalarType.Float32).cpu())).FirstOrDefault(m => m is not null);
            if (mask is null)
            {
                if (!request.NoMask)
                    warnings.Add($"reference {i + 1} has no mask or transparency: the whole image is treated as the subject. "
                        + "For a better mask give --reference-mask, use a PNG with transparency, or install a segmentation model (scripts/fetch-isnet.sh).");
                mask = WholeImageForegroundSegmenter.Instance.Segment(image, null)!;
            }
            var (fitted, fittedMask) = ReferenceImages.FitToCanvas(image, mask, width, height);
            images.Add(fitted);
            masks.Add(fittedMask);
        }
        var device = Model.Device.Device;
        return (cat(images, 0).to(device), cat(masks, 0).to(device));
    }

    /// <summary>The VAE's mean (not a sample: the reference should not add randomness of its own), scaled.</summary>
    private Tensor EncodeReferences(Tensor images01)
    {
        using var distribution = Model.Vae.Encode((images01 * 2 - 1).to(Model.Device.DType));
        return (distribution.Mean.to(ScalarType.Float32) * Model.Vae.ScalingFactor).contiguous();
    }

    private Tensor? PrepareControl(GenerationRequest request, int n, int width, int height)
    {
        if (request.ControlImage is not { } image) return null;
        if (image.shape[2] != height || image.shape[3] != width)
            image = nn.functional.interpolate(image, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        var batch = image.to(Model.Device.DType, Model.Device.Device);
        if (batch.shape[0] == 1 && n > 1) batch = batch.repeat(n, 1, 1, 1);
        return cat([batch, batch], 0);
    }
}
