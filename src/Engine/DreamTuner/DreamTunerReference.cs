using DreamTuner.Engine.Imaging;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// One reference image of the subject: pixels [1, 3, H, W] in [0, 1], the image's own alpha [1, 1, H, W] if it has
/// one, and an optional user mask [1, 1, H, W] in [0, 1] (1 = subject) of the same size, which wins over the alpha.
/// </summary>
public sealed record DreamTunerReference(Tensor Image01, Tensor? Alpha = null, Tensor? Mask = null)
{
    /// <summary>Reads an image file (and optionally a mask image whose first channel is the mask); not an image is an <see cref="ImageRejectedException"/>.</summary>
    public static DreamTunerReference FromFiles(string imagePath, string? maskPath = null)
    {
        var image = ImageTensors.Load(ReadFile(imagePath), PixelRange.ZeroToOne, multipleOf: 1);
        Tensor? mask = null;
        if (maskPath is not null)
        {
            using var loaded = ImageTensors.Load(ReadFile(maskPath), PixelRange.ZeroToOne, multipleOf: 1);
            mask = loaded.Pixels[.., ..1].contiguous();
        }
        return new DreamTunerReference(image.Pixels, image.Alpha, mask);
    }

    private static byte[] ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllBytes(path) : throw new ImageRejectedException($"reference image not found: {path}");

    /// <summary>Throws a one-line <see cref="ArgumentException"/> when the tensors do not fit together.</summary>
    public void Validate(int index)
    {
        if (Image01.dim() != 4 || Image01.shape[0] != 1 || Image01.shape[1] != 3)
            throw new ArgumentException($"reference {index + 1} must be one RGB image [1, 3, H, W], got [{string.Join(", ", Image01.shape)}].");
        foreach (var (what, m) in new[] { ("mask", Mask), ("alpha", Alpha) })
            if (m is not null && (m.dim() != 4 || m.shape[0] != 1 || m.shape[1] != 1 || m.shape[2] != Image01.shape[2] || m.shape[3] != Image01.shape[3]))
                throw new ArgumentException(
                    $"reference {index + 1}'s {what} is {(m.dim() == 4 ? $"{m.shape[3]}x{m.shape[2]}" : $"[{string.Join(", ", m.shape)}]")} but the image is {Image01.shape[3]}x{Image01.shape[2]}.");
    }
}
