using DreamTuner.Engine.Text;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vae;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>The shapes of a random-weight Stable Diffusion model (for tests and benchmarks).</summary>
public sealed record RandomModelSpec(UNetConfig Unet, AutoencoderKLConfig Vae, ClipTextConfig TextEncoder)
{
    /// <summary>The tiny layout of the reference set (hf-internal-testing style): 64x64 images, 32x32 latents.</summary>
    public static RandomModelSpec Tiny { get; } = new(
        new UNetConfig
        {
            BlockOutChannels = [32, 64],
            DownBlockTypes = ["CrossAttnDownBlock2D", "DownBlock2D"],
            UpBlockTypes = ["UpBlock2D", "CrossAttnUpBlock2D"],
            CrossAttentionDim = 32,
            AttentionHeadDim = 8,
            NormNumGroups = 8,
            SampleSize = 32,
        },
        new AutoencoderKLConfig
        {
            BlockOutChannels = [32, 64],
            DownBlockTypes = ["DownEncoderBlock2D", "DownEncoderBlock2D"],
            UpBlockTypes = ["UpDecoderBlock2D", "UpDecoderBlock2D"],
            NormNumGroups = 8,
            SampleSize = 64,
        },
        new ClipTextConfig
        {
            HiddenSize = 32, IntermediateSize = 37, NumHiddenLayers = 5, NumAttentionHeads = 4, ProjectionDim = 32,
            HiddenAct = "quick_gelu",
        });

    /// <summary>The real Stable Diffusion 1.5 shapes (860M-parameter UNet), with random weights.</summary>
    public static RandomModelSpec Sd15 => new(ConfigSource.Sd15.Unet(), ConfigSource.Sd15.Vae(), ConfigSource.Sd15.TextEncoder());
}
