using System.Runtime.InteropServices;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Imaging;

/// <summary>
/// Image files to tensors and back, the way diffusers' <c>load_image</c> and <c>VaeImageProcessor</c> do it:
/// EXIF orientation applied, sizes floored to a multiple of 8 with Lanczos resampling, pixels in [-1,1]
/// (or [0,1] for control images), and output quantised with round-half-to-even.
/// </summary>
public static class ImageTensors
{
    /// <summary>The VAE downsamples by 8, so image sides must be multiples of it.</summary>
    public const int VaeScaleFactor = 8;

    /// <summary>
    /// Checks <paramref name="data"/> against <paramref name="limits"/> (default <see cref="ImageLimits.Default"/>)
    /// before decoding, decodes it and returns [1,3,H,W] pixels and, if the image has an alpha channel that is not
    /// opaque everywhere, a [1,1,H,W] mask in [0,1].
    /// The size is <paramref name="width"/> x <paramref name="height"/> (each defaulting to the image's own),
    /// floored to a multiple of <paramref name="multipleOf"/>; pass 1 to keep it exact.
    /// </summary>
    public static LoadedImage Load(ReadOnlySpan<byte> data, PixelRange range = PixelRange.MinusOneToOne,
        int? width = null, int? height = null, int multipleOf = VaeScaleFactor, ImageLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multipleOf, 1);
        var header = (limits ?? ImageLimits.Default).Check(data);

        using var scope = NewDisposeScope();
        var (rgba, hasAlpha) = Decode(data, header);
        int targetWidth = Floor(width ?? (int)rgba.shape[3], multipleOf);
        int targetHeight = Floor(height ?? (int)rgba.shape[2], multipleOf);
        if (targetWidth < 1 || targetHeight < 1)
            throw new ImageRejectedException(
                $"image is {rgba.shape[3]}x{rgba.shape[2]} px; it must be at least {multipleOf} px per side");
        if (targetWidth != rgba.shape[3] || targetHeight != rgba.shape[2])
            rgba = Resize(rgba, targetWidth, targetHeight).clamp(0, 1);

        var rgb = rgba[.., ..3];
        var pixels = range == PixelRange.MinusOneToOne ? rgb * 2 - 1 : rgb.contiguous();
        var alphaChannel = rgba[.., 3..];
        // An alpha channel that is opaque everywhere says nothing about a subject: report none.
        var alpha = hasAlpha && alphaChannel.lt(1).any().item<bool>() ? alphaChannel.contiguous() : null;
        return new LoadedImage(pixels.MoveToOuterDisposeScope(), alpha?.MoveToOuterDisposeScope(), header);
    }

    /// <summary>
    /// Resizes [B,C,H,W] float images with antialiased Lanczos-3, the filter diffusers resizes PIL images with;
    /// the weights follow Pillow's (support scaled by the downscale factor, each row normalised to sum 1).
    /// Values can overshoot slightly at edges; clamp if the range matters.
    /// </summary>
    public static Tensor Resize(Tensor images, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        using var scope = NewDisposeScope();
        var x = images.to(float32);
        if (x.shape[3] != width)
            x = matmul(x, LanczosWeights((int)x.shape[3], width).T);
        if (x.shape[2] != height)
            x = matmul(LanczosWeights((int)x.shape[2], height), x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// diffusers' postprocessing of decoded images, step for step: <c>clamp(x / 2 + 0.5, 0, 1)</c> in float32,
    /// then <c>round(x * 255)</c> (round half to even, as numpy's <c>round</c>) to uint8. [B,3,H,W] to [B,H,W,3].
    /// </summary>
    public static Tensor ToUint8(Tensor images)
    {
        if (images.ndim != 4 || images.shape[1] != 3)
            throw new ArgumentException($"Expected images shaped [B,3,H,W]; got [{string.Join(",", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var x = (images.detach().cpu().to(float32) / 2 + 0.5).clamp(0, 1);
        var rounded = (x * 255).round().to(ScalarType.Byte);
        return rounded.permute(0, 2, 3, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Encodes each image of a [B,3,H,W] batch in [-1,1] as PNG (see <see cref="ToUint8"/>).</summary>
    public static byte[][] ToPngs(Tensor images)
    {
        using var scope = NewDisposeScope();
        var hwc = ToUint8(images);
        var result = new byte[hwc.shape[0]][];
        for (int i = 0; i < result.Length; i++)
            result[i] = EncodePng(hwc[i]);
        return result;
    }

    /// <summary>Encodes a single image ([1,3,H,W] or [3,H,W], in [-1,1]) as PNG.</summary>
    public static byte[] ToPng(Tensor image)
    {
        var batch = image.ndim == 3 ? image.unsqueeze(0) : image.alias();
        try
        {
            if (batch.shape[0] != 1)
                throw new ArgumentException($"Expected one image; got a batch of {batch.shape[0]}. Use ToPngs.", nameof(image));
            return ToPngs(batch)[0];
        }
        finally
        {
            batch.Dispose();
        }
    }

    /// <summary>Encodes [H,W,3] uint8 RGB as PNG with SkiaSharp.</summary>
    private static byte[] EncodePng(Tensor hwc)
    {
        int height = (int)hwc.shape[0], width = (int)hwc.shape[1];
        var rgba = cat([hwc, full(height, width, 1, 255, ScalarType.Byte)], 2).contiguous();
        var bytes = rgba.data<byte>().ToArray();
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        if (bitmap.RowBytes != width * 4)
            throw new InvalidOperationException($"Unexpected SkiaSharp row stride {bitmap.RowBytes} for width {width}.");
        Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    /// <summary>Decodes to [1,4,H,W] float32 in [0,1] (unpremultiplied RGBA), orientation applied.</summary>
    private static (Tensor Rgba, bool HasAlpha) Decode(ReadOnlySpan<byte> data, ImageHeader header)
    {
        var name = ImageFormatSniffer.Name(header.Format);
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData)
            ?? throw new ImageRejectedException($"the {name} file cannot be decoded (damaged or unsupported variant)");
        // The decoder's own idea of the size must agree with the header the limits were checked against.
        if (codec.Info.Width != header.Width || codec.Info.Height != header.Height)
            throw new ImageRejectedException(
                $"the {name} header says {header.Width}x{header.Height} px but the decoder reads {codec.Info.Width}x{codec.Info.Height}");
        bool hasAlpha = codec.Info.AlphaType != SKAlphaType.Opaque;
        // No colour space on the target: pixels are taken as stored, as PIL does.
        var info = new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bytes = new byte[info.BytesSize64];
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new ImageRejectedException($"the {name} file cannot be decoded: {result}");
        if (result == SKCodecResult.IncompleteInput)
            throw new ImageRejectedException($"the {name} file is truncated");

        var hwc = torch.tensor(bytes, [header.Height, header.Width, 4]);
        var rgba = hwc.permute(2, 0, 1).unsqueeze(0).to(float32) / 255;
        return (Orient(rgba, codec.EncodedOrigin), hasAlpha);
    }

    /// <summary>Applies EXIF orientation as PIL's <c>ImageOps.exif_transpose</c> (used by diffusers' <c>load_image</c>).</summary>
    private static Tensor Orient(Tensor x, SKEncodedOrigin origin) => origin switch
    {
        SKEncodedOrigin.TopRight => x.flip(3),
        SKEncodedOrigin.BottomRight => x.flip(2, 3),
        SKEncodedOrigin.BottomLeft => x.flip(2),
        SKEncodedOrigin.LeftTop => x.transpose(2, 3),
        SKEncodedOrigin.RightTop => x.transpose(2, 3).flip(3),
        SKEncodedOrigin.RightBottom => x.transpose(2, 3).flip(2, 3),
        SKEncodedOrigin.LeftBottom => x.transpose(2, 3).flip(2),
        _ => x,
    };

    /// <summary>[outSize, inSize] resampling matrix of Pillow's Lanczos-3 (<c>precompute_coeffs</c> in Resample.c).</summary>
    private static Tensor LanczosWeights(int inSize, int outSize)
    {
        const double support = 3.0;
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double radius = support * filterScale;
        var weights = new float[outSize * inSize];
        for (int o = 0; o < outSize; o++)
        {
            double center = (o + 0.5) * scale;
            int min = Math.Max((int)(center - radius + 0.5), 0);
            int max = Math.Min((int)(center + radius + 0.5), inSize);
            double sum = 0;
            var row = new double[max - min];
            for (int i = min; i < max; i++)
                sum += row[i - min] = Lanczos((i - center + 0.5) / filterScale);
            for (int i = min; i < max; i++)
                weights[o * inSize + i] = (float)(sum == 0 ? 0 : row[i - min] / sum);
        }
        return torch.tensor(weights, [outSize, inSize]);
    }

    private static double Lanczos(double x) => Math.Abs(x) < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0;

    private static double Sinc(double x)
    {
        if (x == 0)
            return 1;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    private static int Floor(int value, int multiple) => value - value % multiple;
}
