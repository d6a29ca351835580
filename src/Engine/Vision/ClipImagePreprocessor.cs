using static TorchSharp.torch;

namespace DreamTuner.Engine.Vision;

/// <summary>
/// transformers' <c>CLIPImageProcessor</c> on tensors: resize the shortest side to <see cref="ImageSize"/>, centre
/// crop a square, normalise with CLIP's mean and std. The input is already float RGB in [0, 1], so the processor's
/// 1/255 rescale has happened.
/// </summary>
public sealed class ClipImagePreprocessor
{
    public static IReadOnlyList<double> ClipMean { get; } = [0.48145466, 0.4578275, 0.40821073];
    public static IReadOnlyList<double> ClipStd { get; } = [0.26862954, 0.26130258, 0.27577711];

    public ClipImagePreprocessor(int imageSize, IReadOnlyList<double>? mean = null, IReadOnlyList<double>? std = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        ImageSize = imageSize;
        Mean = mean ?? ClipMean;
        Std = std ?? ClipStd;
        if (Mean.Count != Std.Count)
            throw new ArgumentException($"mean has {Mean.Count} channels but std has {Std.Count}", nameof(std));
        if (Std.Any(s => s <= 0))
            throw new ArgumentException("std must be positive", nameof(std));
    }

    public static ClipImagePreprocessor For(ClipVisionConfig config) => new(config.ImageSize);

    public int ImageSize { get; }
    public IReadOnlyList<double> Mean { get; }
    public IReadOnlyList<double> Std { get; }

    /// <summary>Turns images [B, C, H, W] in [0, 1] into the model's pixel values [B, C, size, size].</summary>
    public Tensor Preprocess(Tensor imagesIn01)
    {
        if (imagesIn01.dim() != 4 || imagesIn01.shape[1] != Mean.Count)
            throw new ArgumentException(
                $"images must be [batch, {Mean.Count}, height, width], got [{string.Join(", ", imagesIn01.shape)}]",
                nameof(imagesIn01));
        using var scope = NewDisposeScope();
        var images = imagesIn01.is_floating_point() ? imagesIn01 : imagesIn01.to(float32);
        var cropped = CentreCrop(ResizeShortestSide(images));
        var mean = tensor(Mean.ToArray(), dtype: images.dtype, device: images.device).view(1, -1, 1, 1);
        var std = tensor(Std.ToArray(), dtype: images.dtype, device: images.device).view(1, -1, 1, 1);
        return ((cropped - mean) / std).MoveToOuterDisposeScope();
    }

    private Tensor ResizeShortestSide(Tensor images)
    {
        var (height, width) = (images.shape[2], images.shape[3]);
        var shortSide = Math.Min(height, width);
        if (shortSide == ImageSize)
            return images;
        // transformers' get_resize_output_image_size: the long side is truncated, as Python's int() does.
        var longSide = (long)(ImageSize * (double)Math.Max(height, width) / shortSide);
        long[] size = height <= width ? [ImageSize, longSide] : [longSide, ImageSize];
        // PIL's bicubic resize filters over the whole source footprint when shrinking; antialias = true does the
        // same, and the clamp stands in for PIL's clipping to the uint8 range after the overshooting cubic kernel.
        return nn.functional.interpolate(images, size, mode: InterpolationMode.Bicubic, align_corners: false,
            antialias: true).clamp(0, 1);
    }

    private Tensor CentreCrop(Tensor images)
    {
        var (height, width) = (images.shape[2], images.shape[3]);
        // Integer halving as transformers' center_crop does, so odd margins lose the extra pixel at the end.
        var top = (height - ImageSize) / 2;
        var left = (width - ImageSize) / 2;
        return images.narrow(2, top, ImageSize).narrow(3, left, ImageSize);
    }
}
