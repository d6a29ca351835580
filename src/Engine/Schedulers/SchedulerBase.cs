using static TorchSharp.torch;

namespace DreamTuner.Engine.Schedulers;

/// <summary>
/// What all schedulers share: the validated config, the training alphas_cumprod, the img2img start offset and
/// the bookkeeping of tensors kept outside the caller's dispose scopes.
/// </summary>
public abstract class SchedulerBase : IScheduler
{
    private Tensor? _timesteps;

    /// <param name="config">The model's scheduler config; settings it leaves null take this class's defaults.</param>
    /// <param name="defaultSpacing">This class's default timestep_spacing (diffusers differs per class).</param>
    protected SchedulerBase(SchedulerConfig config, string defaultSpacing)
    {
        ArgumentNullException.ThrowIfNull(config);
        config = config with { TimestepSpacing = config.TimestepSpacing ?? defaultSpacing };
        config.Validate();
        Config = config;
        AlphasCumprod = NoiseSchedule.AlphasCumprod(config);
    }

    public SchedulerConfig Config { get; }

    /// <summary>Training cumulative alphas (float32 values, as diffusers holds them).</summary>
    protected float[] AlphasCumprod { get; }

    protected string Spacing => Config.TimestepSpacing!;

    /// <summary>Inference steps requested in the last <see cref="SetTimesteps"/> (before img2img truncation).</summary>
    protected int InferenceSteps { get; private set; }

    /// <summary>Index of loop step 0 in the full schedule (img2img start; 0 for txt2img).</summary>
    protected int Begin { get; private set; }

    public Tensor Timesteps => _timesteps ?? throw NotSet();

    public int StepCount => _timesteps is null ? throw NotSet() : (int)_timesteps.shape[0];

    public abstract double InitNoiseSigma { get; }

    public void SetTimesteps(int steps, double strength = 1.0)
    {
        var begin = TimestepSchedule.Img2ImgStart(steps, strength);
        ResetState();
        InferenceSteps = steps;
        _timesteps?.Dispose();
        var (timesteps, offset) = BuildSchedule(steps, begin);
        Begin = offset;
        _timesteps = timesteps.DetachFromDisposeScope();
    }

    /// <summary>
    /// Builds the schedule for <paramref name="steps"/> inference steps of which the loop runs those from
    /// <paramref name="start"/> on (img2img). Returns the loop's timesteps and the index of loop step 0 in the
    /// schedule the scheduler keeps (normally <paramref name="start"/>; 0 when it builds a shorter schedule).
    /// </summary>
    protected abstract (Tensor Timesteps, int Begin) BuildSchedule(int steps, int start);

    /// <summary>Drops multistep history (called by <see cref="SetTimesteps"/> and <see cref="Dispose()"/>).</summary>
    protected virtual void ResetState() { }

    public abstract Tensor TimestepAt(int stepIndex);

    public abstract Tensor ScaleModelInput(Tensor sample, int stepIndex);

    public abstract SchedulerStepResult Step(Tensor modelOutput, int stepIndex, Tensor sample, Generator? generator = null);

    public abstract Tensor AddNoise(Tensor original, Tensor noise, int stepIndex);

    /// <summary>Checks <paramref name="stepIndex"/> against the loop and returns its index in the full schedule.</summary>
    protected int FullIndex(int stepIndex)
    {
        if (stepIndex < 0 || stepIndex >= StepCount)
            throw new ArgumentOutOfRangeException(nameof(stepIndex), stepIndex, $"Step index must lie in [0, {StepCount}).");
        return Begin + stepIndex;
    }

    /// <summary>Half / bfloat16 inputs are computed in float32 (like diffusers' Euler step); results are cast back.</summary>
    protected static Tensor Upcast(Tensor t) =>
        t.dtype is ScalarType.Float16 or ScalarType.BFloat16 ? t.to(ScalarType.Float32) : t;

    /// <summary>
    /// Standard normal noise like diffusers' randn_tensor with a CPU generator: torch.randn(shape, generator) drawn on
    /// the CPU in the model output's dtype, then moved to its device. Without a generator, the global one is used.
    /// </summary>
    protected static Tensor Noise(Tensor like, Generator? generator) =>
        randn(like.shape, like.dtype, CPU, generator: generator).to(like.device);

    /// <summary>A handle to <paramref name="t"/> that survives the caller's dispose scope (for multistep history).</summary>
    protected static Tensor Keep(Tensor t) => t.alias().DetachFromDisposeScope();

    private static InvalidOperationException NotSet() => new("Call SetTimesteps before using the scheduler.");

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        ResetState();
        _timesteps?.Dispose();
        _timesteps = null;
    }
}
