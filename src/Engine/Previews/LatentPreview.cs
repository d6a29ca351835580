namespace DreamTuner.Engine.Previews;

/// <summary>
/// The cheap SD 1.x preview: RGB = latent (model space, already scaled by 0.18215) times a fixed 4x3 matrix, no bias,
/// clamped to [-1, 1] and mapped to 0..255. The factors are ComfyUI's SD15 latent_rgb_factors (rows = channels 0..3).
/// Plain arrays, no TorchSharp: it runs on the publisher's thread, off the denoising thread.
/// </summary>
public static class LatentPreview
{
    public static readonly float[,] Sd15Factors =
    {
        { 0.3512f, 0.2297f, 0.3227f },
        { 0.3250f, 0.4974f, 0.2350f },
        { -0.2829f, 0.1762f, 0.2721f },
        { -0.2120f, -0.2616f, -0.7177f },
    };

    /// <summary>Channel-first latents [4, height, width] to interleaved RGBA bytes (alpha 255).</summary>
    public static byte[] ToRgba(ReadOnlySpan<float> latents, int height, int width)
    {
        int plane = height * width;
        if (latents.Length != 4 * plane)
            throw new ArgumentException($"expected 4x{height}x{width} = {4 * plane} latent values, got {latents.Length}.", nameof(latents));
        var rgba = new byte[plane * 4];
        for (int p = 0; p < plane; p++)
        {
            float l0 = latents[p], l1 = latents[plane + p], l2 = latents[2 * plane + p], l3 = latents[3 * plane + p];
            for (int c = 0; c < 3; c++)
            {
                float v = l0 * Sd15Factors[0, c] + l1 * Sd15Factors[1, c] + l2 * Sd15Factors[2, c] + l3 * Sd15Factors[3, c];
                rgba[p * 4 + c] = ToByte(v);
            }
            rgba[p * 4 + 3] = 255;
        }
        return rgba;
    }

    /// <summary>[-1, 1] to 0..255 as (clamp(v) + 1) * 127.5, rounded.</summary>
    public static byte ToByte(float v) => (byte)MathF.Round((Math.Clamp(v, -1f, 1f) + 1f) * 127.5f);
}
