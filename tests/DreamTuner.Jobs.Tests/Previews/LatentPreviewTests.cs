using DreamTuner.Engine.Previews;
using SkiaSharp;

namespace DreamTuner.Jobs.Tests.Previews;

/// <summary>The linear latent-to-RGB preview against hand-computed values of ComfyUI's SD15 factors.</summary>
public sealed class LatentPreviewTests
{
    [Fact]
    public void A_unit_latent_channel_maps_to_its_factor_row()
    {
        // One pixel, channel 1 = 1: RGB = (0.3250, 0.4974, 0.2350) -> (v + 1) * 127.5 = (168.94, 190.92, 157.46).
        var rgba = LatentPreview.ToRgba([0f, 1f, 0f, 0f], 1, 1);
        Assert.Equal(new byte[] { 169, 191, 157, 255 }, rgba);
    }

    [Fact]
    public void Values_beyond_the_range_are_clamped()
    {
        // Channel 3 = 10: RGB = (-2.12, -2.616, -7.177) -> all clamp to -1 -> 0.
        var rgba = LatentPreview.ToRgba([0f, 0f, 0f, 10f], 1, 1);
        Assert.Equal(new byte[] { 0, 0, 0, 255 }, rgba);
        Assert.Equal(255, LatentPreview.ToByte(3f));
    }

    [Fact]
    public void The_jpeg_is_upscaled_to_the_image_size_capped_at_the_maximum_side()
    {
        var latents = new float[4 * 64 * 96];
        var jpeg = new PreviewEncoder(maxSide: 256).Encode(latents, 64, 96, imageWidth: 768, imageHeight: 512);
        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.Equal((256, 171), (bitmap.Width, bitmap.Height));
    }
}
