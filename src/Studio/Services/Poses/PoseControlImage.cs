using DreamTuner.Data.Poses;
using SkiaSharp;

namespace DreamTuner.Studio.Services.Poses;

/// <summary>The PNG the engine's pose ControlNet takes as its control image: <see cref="OpenPoseRenderer"/>'s pixels, encoded.</summary>
public static class PoseControlImage
{
    public const string ContentType = "image/png";

    public static byte[] Png(BodyPose pose, int width, int height)
    {
        var rgb = OpenPoseRenderer.Render(pose, width, height);
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        rgba.CopyTo(bitmap.GetPixelSpan());
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
