using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Schedulers;
using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Pipelines;

/// <summary>
/// The loaded networks of one Stable Diffusion 1.x model, ready to run on <see cref="Device"/>.
/// Loaded once and shared by many generations (the worker caches it).
/// </summary>
public sealed class StableDiffusionModel : IDisposable
{
    public required string Name { get; init; }

    /// <summary>A1111-style short hash of the UNet weights (first 10 hex digits of their SHA-256).</summary>
    public required string Hash { get; init; }

    public required ClipTokenizer Tokenizer { get; init; }
    public required ClipTextModel TextEncoder { get; init; }
    public required UNet2DConditionModel Unet { get; init; }
    public required AutoencoderKL Vae { get; init; }
    public required SchedulerConfig SchedulerConfig { get; init; }
    public ControlNetModel? ControlNet { get; set; }
    public required DeviceSpec Device { get; init; }

    public void Dispose()
    {
        TextEncoder.Dispose();
        Unet.Dispose();
        Vae.Dispose();
        ControlNet?.Dispose();
    }
}
