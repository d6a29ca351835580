using static TorchSharp.torch;

namespace DreamTuner.Engine.Pipelines;

/// <summary>
/// The VAE's decoded images [B,3,H,W] as it returns them (nominally [-1,1], unclamped; float32, CPU) and the final
/// latents [B,4,h,w] before decoding. <see cref="Imaging.ImageTensors.ToPngs"/> quantises them as diffusers does.
/// </summary>
public sealed record GenerationResult(Tensor Images, Tensor Latents) : IDisposable
{
    /// <summary>diffusers' <c>output_type="np"</c> image: clamp(x/2+0.5, 0, 1), still [B,3,H,W].</summary>
    public Tensor ImagesInUnitRange() => (Images / 2 + 0.5).clamp(0, 1);

    public void Dispose()
    {
        Images.Dispose();
        Latents.Dispose();
    }
}
