using SkiaSharp;

namespace DreamTuner.Studio.Services.Segmentation;

/// <summary>
/// The input of a U²-Net-family model (rembg's u2net, u2netp, silueta): the image resized to size x size, RGB scaled
/// to [0,1], normalised with ImageNet's mean and standard deviation, as one NCHW tensor [1,3,size,size].
/// </summary>
public static class SaliencyInput
{
    public static ReadOnlySpan<float> Mean => [0.485f, 0.456f, 0.406f];

    public static ReadOnlySpan<float> Std => [0.229f, 0.224f, 0.225f];

    /// <summary>The NCHW tensor data, or null when the bytes do not decode (the inspector normally refused those already).</summary>
    public static float[]? FromEncoded(ReadOnlySpan<byte> encoded, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        using var data = SKData.CreateCopy(encoded);
        using var decoded = SKBitmap.Decode(data);
        if (decoded is null)
            return null;
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var resized = decoded.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (resized is null)
            return null;

        var rgba = resized.GetPixelSpan();
        var plane = size * size;
        var tensor = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
                tensor[(c * plane) + i] = ((rgba[(i * 4) + c] / 255f) - Mean[c]) / Std[c];
        }

        return tensor;
    }
}
