using DreamTuner.Engine.Imaging;
using SkiaSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Imaging;

public class ImageTensorsTests
{
    [Fact]
    public void Photo_loads_as_rgb_in_minus_one_to_one_without_alpha()
    {
        using var image = ImageTensors.Load(TestImages.Read("astronaut.png"));

        Assert.Equal([1L, 3, 512, 512], image.Pixels.shape);
        Assert.Equal(ScalarType.Float32, image.Pixels.dtype);
        Assert.Null(image.Alpha);
        Assert.True(image.Pixels.min().item<float>() >= -1 && image.Pixels.max().item<float>() <= 1);
        Assert.True(image.Pixels.min().item<float>() < -0.9 && image.Pixels.max().item<float>() > 0.9, "uses the full range");
    }

    [Fact]
    public void Size_is_floored_to_a_multiple_of_8()
    {
        using var image = ImageTensors.Load(TestImages.Read("chelsea.png"));

        Assert.Equal([1L, 3, 296, 448], image.Pixels.shape);
        Assert.Equal(new ImageHeader(ImageFormat.Png, 451, 300), image.Source);
    }

    [Fact]
    public void Multiple_of_1_keeps_the_exact_pixels()
    {
        var png = TestImages.Read("chelsea.png");
        using var bitmap = SKBitmap.Decode(png);

        using var image = ImageTensors.Load(png, PixelRange.ZeroToOne, multipleOf: 1);

        Assert.Equal([1L, 3, 300, 451], image.Pixels.shape);
        var pixel = bitmap.GetPixel(123, 45);
        Assert.Equal(pixel.Red / 255f, image.Pixels[0, 0, 45, 123].item<float>(), 6);
        Assert.Equal(pixel.Green / 255f, image.Pixels[0, 1, 45, 123].item<float>(), 6);
        Assert.Equal(pixel.Blue / 255f, image.Pixels[0, 2, 45, 123].item<float>(), 6);
    }

    [Fact]
    public void Control_images_load_in_zero_to_one()
    {
        var png = TestImages.Read("coffee.png");
        using var signed = ImageTensors.Load(png);
        using var control = ImageTensors.Load(png, PixelRange.ZeroToOne);

        Assert.True(control.Pixels.min().item<float>() >= 0);
        Assert.True(((signed.Pixels + 1) / 2).allclose(control.Pixels, 0, 1e-6));
    }

    [Fact]
    public void Cutout_returns_its_alpha_as_a_separate_mask()
    {
        using var image = ImageTensors.Load(TestImages.Read("horse-cutout.png"), multipleOf: 1);

        Assert.NotNull(image.Alpha);
        Assert.Equal([1L, 1, 328, 400], image.Alpha.shape);
        Assert.Equal(0f, image.Alpha.min().item<float>());
        Assert.Equal(1f, image.Alpha.max().item<float>());
        Assert.Equal([1L, 3, 328, 400], image.Pixels.shape);
    }

    [Fact]
    public void Alpha_channel_that_is_opaque_everywhere_gives_no_mask()
    {
        var opaqueRgba = TestImages.Encode(16, 16, SKEncodedImageFormat.Png);
        Assert.Equal(6, opaqueRgba[25]); // IHDR colour type 6: RGBA

        using var image = ImageTensors.Load(opaqueRgba);

        Assert.Null(image.Alpha);
    }

    [Fact]
    public void Jpeg_and_webp_load_like_png()
    {
        using var jpeg = ImageTensors.Load(TestImages.Read("rocket.jpg"));
        using var webp = ImageTensors.Load(TestImages.EncodeWebp(40, 24, lossless: true, transparentLeft: true), multipleOf: 1);

        Assert.Equal([1L, 3, 424, 640], jpeg.Pixels.shape);
        Assert.Equal([1L, 1, 24, 40], webp.Alpha!.shape);
        Assert.Equal(0f, webp.Alpha[0, 0, 5, 3].item<float>());
        Assert.Equal(1f, webp.Alpha[0, 0, 5, 30].item<float>());
    }

    [Fact]
    public void Exif_orientation_is_applied_as_diffusers_load_image_does()
    {
        var jpeg = TestImages.Read("rocket.jpg");
        using var upright = ImageTensors.Load(jpeg, PixelRange.ZeroToOne, multipleOf: 1);

        // Orientation 6: the stored image must be turned 90 degrees clockwise to be seen upright.
        using var rotated = ImageTensors.Load(TestImages.WithExifOrientation(jpeg, 6), PixelRange.ZeroToOne, multipleOf: 1);

        Assert.Equal([1L, 3, 640, 427], rotated.Pixels.shape);
        Assert.True(rotated.Pixels.allclose(upright.Pixels.transpose(2, 3).flip(3)));
    }

    [Fact]
    public void Explicit_size_resizes_with_a_filter_that_keeps_flat_areas_flat()
    {
        using var image = ImageTensors.Load(TestImages.Read("astronaut.png"), width: 256, height: 192);
        var flat = full(1, 3, 50, 70, 0.25f);

        var resized = ImageTensors.Resize(flat, 33, 17);

        Assert.Equal([1L, 3, 192, 256], image.Pixels.shape);
        Assert.Equal([1L, 3, 17, 33], resized.shape);
        Assert.True(resized.allclose(full(1, 3, 17, 33, 0.25f), 0, 1e-6));
    }

    [Fact]
    public void Downscaling_averages_instead_of_skipping_pixels()
    {
        // A 1-px checkerboard halved must come out mid grey (a point sampler would keep one colour).
        var checker = (arange(64).unsqueeze(1) + arange(64).unsqueeze(0)).remainder(2).to(float32).expand(1, 3, 64, 64);

        var small = ImageTensors.Resize(checker, 16, 16);

        Assert.True(small[.., .., 4..12, 4..12].sub(0.5).abs().max().item<float>() < 0.02);
    }

    [Fact]
    public void Output_quantisation_follows_diffusers_clamp_scale_and_round_half_to_even()
    {
        // Values whose float32 computation (x / 2 + 0.5) * 255 lands exactly on k + 0.5 must round to even.
        var halves = new List<(float X, int Expected)>();
        for (int k = 0; k < 255; k++)
        {
            float x = (float)((k + 0.5) / 255.0 * 2 - 1);
            float scaled = (x / 2f + 0.5f) * 255f;
            if (scaled == k + 0.5f)
                halves.Add((x, k % 2 == 0 ? k : k + 1));
        }
        Assert.True(halves.Count >= 4, $"only {halves.Count} exact halves found");
        var values = halves.Select(h => h.X).Concat([-1.5f, -1f, 0f, 1f, 3f]).ToArray();
        var expected = halves.Select(h => (byte)h.Expected).Concat(new byte[] { 0, 0, 128, 255, 255 }).ToArray();
        var images = tensor(values).reshape(1, 1, 1, -1).expand(1, 3, 1, -1);

        var bytes = ImageTensors.ToUint8(images);

        Assert.Equal([1L, 1, values.Length, 3], bytes.shape);
        Assert.Equal(expected, bytes[0, 0, .., 0].data<byte>().ToArray());
    }

    [Fact]
    public void Png_output_decodes_back_to_the_quantised_pixels()
    {
        manual_seed(7);
        var images = rand(2, 3, 24, 40) * 2.2 - 1.1;

        var pngs = ImageTensors.ToPngs(images);

        Assert.Equal(2, pngs.Length);
        var expected = ImageTensors.ToUint8(images).permute(0, 3, 1, 2).to(float32) / 255;
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(ImageFormat.Png, ImageFormatSniffer.DetectFormat(pngs[i]));
            using var back = ImageTensors.Load(pngs[i], PixelRange.ZeroToOne, multipleOf: 1);
            Assert.True(back.Pixels.allclose(expected[i..(i + 1)], 0, 1e-6), $"image {i} differs after PNG round trip");
        }
    }

    [Fact]
    public void Single_image_png_accepts_chw_and_refuses_a_batch()
    {
        var png = ImageTensors.ToPng(zeros(3, 8, 16));

        Assert.Equal(new ImageHeader(ImageFormat.Png, 16, 8), ImageFormatSniffer.ReadHeader(png));
        Assert.Throws<ArgumentException>(() => ImageTensors.ToPng(zeros(2, 3, 8, 8)));
    }
}
