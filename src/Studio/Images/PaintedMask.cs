using SkiaSharp;

namespace DreamTuner.Studio.Images;

/// <summary>
/// Turns a mask painted in the browser (a PNG, white subject on black) into the stored form: an 8-bit grayscale PNG of
/// exactly the reference's size, binarised like <see cref="AlphaMask"/>, so every mask the engine reads looks the same
/// whoever made it.
/// </summary>
public static class PaintedMask
{
    /// <exception cref="ImageRejectedException">Not a PNG, another size than the reference, or nothing painted.</exception>
    public static byte[] Normalise(ImageInspector inspector, ReadOnlySpan<byte> painted, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        var inspected = inspector.Inspect(painted);
        if (inspected.ContentType != "image/png")
            throw new ImageRejectedException($"a mask must be a PNG, not {inspected.Format}");
        if (inspected.Width != width || inspected.Height != height)
            throw new ImageRejectedException($"the mask is {inspected.Width}x{inspected.Height} px but the image is {width}x{height} px");

        using var data = SKData.CreateCopy(painted);
        using var codec = SKCodec.Create(data);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        codec.GetPixels(info, bitmap.GetPixels());
        var rgba = bitmap.GetPixelSpan();
        var gray = new byte[width * height];
        var foreground = 0;
        for (int i = 0; i < gray.Length; i++)
        {
            // Red of a white-on-black painting, weighted by its alpha in case the browser left it transparent.
            var value = rgba[i * 4] * rgba[(i * 4) + 3] / 255;
            if (value >= AlphaMask.Threshold)
            {
                gray[i] = 255;
                foreground++;
            }
        }

        if (foreground == 0)
            throw new ImageRejectedException("the mask is empty: paint the subject with the brush");

        using var mask = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.CopyTo(mask.GetPixelSpan());
        using var png = mask.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
