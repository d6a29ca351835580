using static TorchSharp.torch;

namespace DreamTuner.Engine.Imaging;

/// <summary>A decoded image as tensors. Owns them: dispose it, or take the tensors and dispose those.</summary>
/// <param name="Pixels">[1,3,H,W] float32 RGB in the requested <see cref="PixelRange"/>.</param>
/// <param name="Alpha">[1,1,H,W] float32 in [0,1], or null when the image has no alpha channel or it is opaque everywhere.</param>
/// <param name="Source">The file's header: format and stored size (before orientation and resizing).</param>
public sealed record LoadedImage(Tensor Pixels, Tensor? Alpha, ImageHeader Source) : IDisposable
{
    public int Width => (int)Pixels.shape[3];
    public int Height => (int)Pixels.shape[2];

    public void Dispose()
    {
        Pixels.Dispose();
        Alpha?.Dispose();
    }
}
