using System.Diagnostics;
using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Pipelines;

/// <summary>
/// Text-to-image and image-to-image with classifier-free guidance and optional ControlNet, numerically as
/// diffusers' StableDiffusion(Img2Img|ControlNet)Pipeline: same batch order, same noise draws from a CPU
/// generator seeded by the user's seed, same scheduler maths. Runs synchronously on the calling thread
/// (dispose scopes and no_grad are thread-local), checking <c>cancellation</c> before every step.
/// </summary>
public sealed class StableDiffusionPipeline(StableDiffusionModel model)
{
    public StableDiffusionModel Model { get; } = model;

    public GenerationResult Generate(GenerationRequest request, Action<GenerationProgress>? onStep = null,
        CancellationToken cancellation = default, IGenerationObserver? observer = null)
    {
        // 1. Check inputs.
        request.Validate();
        var (width, height) = OutputSize(request);
        var device = Model.Device.Device;
        int n = request.BatchSize;
        bool guided = request.GuidanceScale > 1.0;
        if (request.ControlImage is not null && Model.ControlNet is null)
            throw new ArgumentException("A control image was given but no ControlNet is loaded.");

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)request.Seed, CPU);

        // 2. Encode the prompt.
        var embeddings = guided
            ? PromptEncoder.EncodeForGuidance(Model.Tokenizer, Model.TextEncoder, request.Prompt, request.NegativePrompt, n, device, request.ClipSkip)
            : PromptEncoder.Encode(Model.Tokenizer, Model.TextEncoder, request.Prompt, n, device, request.ClipSkip);
        observer?.OnPromptEmbeddings(embeddings);

        // 3. Set timesteps.
        using var scheduler = SchedulerFactory.Create(request.Scheduler, Model.SchedulerConfig);
        scheduler.SetTimesteps(request.Steps, request.InitImage is null ? 1.0 : request.Strength);
        observer?.OnTimesteps(scheduler.Timesteps);

        // 4. Prepare latents.
        var latents = request.InitImage is null
            ? PrepareTextToImageLatents(request, scheduler, generator, n, width, height)
            : PrepareImageToImageLatents(request, scheduler, generator, n);
        var control = PrepareControl(request, n, guided, width, height);

        // 5. Denoise.
        var clock = Stopwatch.StartNew();
        int total = scheduler.StepCount;
        for (int i = 0; i < total; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var noise = PredictNoise(latents, i, scheduler, embeddings, control, request, guided, observer);
            var result = scheduler.Step(noise, i, latents, generator);
            // The previous sample lives in the run's scope; free it now so a long run holds one sample, not one per step.
            if (!ReferenceEquals(latents, result.PrevSample)) latents.Dispose();
            latents = result.PrevSample.MoveToOuterDisposeScope();
            onStep?.Invoke(new GenerationProgress(i + 1, total, result.PredOriginal, latents, clock.Elapsed));
        }

        // 6. Decode.
        var images = Decode(latents);
        return new GenerationResult(images.cpu().MoveToOuterDisposeScope(), latents.cpu().MoveToOuterDisposeScope());
    }

    internal (int Width, int Height) OutputSize(GenerationRequest request)
    {
        if (request.InitImage is { } init)
            return ((int)init.shape[3], (int)init.shape[2]);
        int fallback = (Model.Unet.Config.SampleSize ?? 64) * Model.Vae.VaeScaleFactor;
        int w = request.Width ?? fallback, h = request.Height ?? fallback;
        int f = Model.Vae.VaeScaleFactor;
        if (w % f != 0 || h % f != 0)
            throw new ArgumentException($"width and height must be multiples of {f} for this model, got {w}x{h}.");
        return (w, h);
    }

    internal Tensor PrepareTextToImageLatents(GenerationRequest request, IScheduler scheduler, Generator generator, int n, int width, int height)
    {
        int f = Model.Vae.VaeScaleFactor;
        long[] shape = [n, Model.Unet.Config.InChannels, height / f, width / f];
        var noise = request.InitialNoise is { } given ? CheckNoise(given, shape) : randn(shape, dtype: ScalarType.Float32, generator: generator);
        return (noise.to(ScalarType.Float32).to(Model.Device.Device) * scheduler.InitNoiseSigma);
    }

    internal Tensor PrepareImageToImageLatents(GenerationRequest request, IScheduler scheduler, Generator generator, int n)
    {
        var image = request.InitImage!.to(Model.Device.DType, Model.Device.Device);
        using var distribution = Model.Vae.Encode(image);
        // diffusers draws the latent sample before the noise from the same generator; keep that order.
        var sample = distribution.Sample(generator).to(ScalarType.Float32) * Model.Vae.ScalingFactor;
        var init = RepeatToBatch(sample, n, "init image");
        var noise = request.InitialNoise is { } given
            ? CheckNoise(given, init.shape)
            : randn(init.shape, dtype: ScalarType.Float32, generator: generator);
        return scheduler.AddNoise(init, noise.to(ScalarType.Float32).to(Model.Device.Device), 0);
    }

    private Tensor? PrepareControl(GenerationRequest request, int n, bool guided, int width, int height)
    {
        if (request.ControlImage is not { } image) return null;
        if (image.shape[2] != height || image.shape[3] != width)
            image = nn.functional.interpolate(image, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        var batch = RepeatToBatch(image.to(Model.Device.DType, Model.Device.Device), n, "control image");
        return guided ? cat([batch, batch], 0) : batch;
    }

    private Tensor PredictNoise(Tensor latents, int i, IScheduler scheduler, Tensor embeddings, Tensor? control,
        GenerationRequest request, bool guided, IGenerationObserver? observer)
    {
        var input = guided ? cat([latents, latents], 0) : latents;
        input = scheduler.ScaleModelInput(input, i).to(Model.Device.DType);
        var t = scheduler.TimestepAt(i).to(Model.Device.Device);
        IReadOnlyList<Tensor>? down = null;
        Tensor? mid = null;
        if (control is not null)
            (down, mid) = Model.ControlNet!.Forward(input, t, embeddings, control, request.ControlScale);
        var output = Model.Unet.Forward(input, t, embeddings, down, mid).to(ScalarType.Float32);
        observer?.OnModelOutput(i, output);
        if (!guided) return output;
        var halves = output.chunk(2, 0);
        return halves[0] + request.GuidanceScale * (halves[1] - halves[0]);
    }

    internal Tensor Decode(Tensor latents) =>
        Model.Vae.Decode((latents / Model.Vae.ScalingFactor).to(Model.Device.DType)).to(ScalarType.Float32);

    private static Tensor CheckNoise(Tensor noise, long[] shape)
    {
        if (!noise.shape.SequenceEqual(shape))
            throw new ArgumentException($"initial noise has shape [{string.Join(",", noise.shape)}] but this request needs [{string.Join(",", shape)}].");
        return noise;
    }

    private static Tensor RepeatToBatch(Tensor t, int n, string what)
    {
        if (t.shape[0] == n) return t;
        if (t.shape[0] == 1) return t.repeat(n, 1, 1, 1);
        throw new ArgumentException($"{what} has {t.shape[0]} images but the batch size is {n}.");
    }
}
