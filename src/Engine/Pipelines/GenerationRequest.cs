using DreamTuner.Engine.Schedulers;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Pipelines;

/// <summary>Everything one text-to-image or image-to-image run needs; validated before any work starts.</summary>
public sealed record GenerationRequest
{
    public required string Prompt { get; init; }
    public string NegativePrompt { get; init; } = "";
    public int Steps { get; init; } = 25;
    public string Scheduler { get; init; } = "dpmpp-2m-karras";
    public double GuidanceScale { get; init; } = 7.5;
    public long Seed { get; init; } = 0;
    /// <summary>Image size in pixels; null: the UNet's sample size times the VAE factor.</summary>
    public int? Width { get; init; }
    public int? Height { get; init; }
    public int BatchSize { get; init; } = 1;

    /// <summary>Image-to-image input [1 or B, 3, H, W] in [-1, 1]; its size sets the output size.</summary>
    public Tensor? InitImage { get; init; }
    public double Strength { get; init; } = 0.75;

    /// <summary>
    /// Replaces the seeded noise, as diffusers' <c>latents=</c> argument: txt2img latents before scaling by the
    /// scheduler's initial sigma, or the noise added to the encoded init image.
    /// </summary>
    public Tensor? InitialNoise { get; init; }

    /// <summary>ControlNet conditioning image [1 or B, 3, H, W] in [0, 1] (pose skeleton, depth map).</summary>
    public Tensor? ControlImage { get; init; }
    public double ControlScale { get; init; } = 1.0;

    /// <summary>Skips the last N text-encoder layers (diffusers' clip_skip; 0 = none).</summary>
    public int ClipSkip { get; init; }

    public void Validate()
    {
        if (Steps is < 1 or > 1000) throw new ArgumentException($"steps must be 1-1000, got {Steps}.");
        if (BatchSize is < 1 or > 64) throw new ArgumentException($"batch size must be 1-64, got {BatchSize}.");
        if (GuidanceScale is < 0 or > 50) throw new ArgumentException($"guidance scale must be 0-50, got {GuidanceScale}.");
        if (InitImage is not null && Strength is <= 0 or > 1) throw new ArgumentException($"strength must be in (0, 1], got {Strength}.");
        if (InitImage is not null && TimestepSchedule.Img2ImgKeptSteps(Steps, Strength) == 0)
            throw new ArgumentException(FormattableString.Invariant($"strength {Strength} keeps no step of {Steps}: use more steps or a higher strength."));
        if (ControlScale is < 0 or > 5) throw new ArgumentException($"control scale must be 0-5, got {ControlScale}.");
        if (Width is { } w && (w < 8 || w % 8 != 0)) throw new ArgumentException($"width must be a positive multiple of 8, got {w}.");
        if (Height is { } h && (h < 8 || h % 8 != 0)) throw new ArgumentException($"height must be a positive multiple of 8, got {h}.");
    }
}
