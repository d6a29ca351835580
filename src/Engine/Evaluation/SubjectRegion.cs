using static TorchSharp.torch;

namespace DreamTuner.Engine.Evaluation;

/// <summary>
/// The square around a reference's subject, the region the identity score compares: the mask's bounding box plus a
/// 10% margin, made square around its centre and moved (not shrunk) to stay inside the image — the same square the
/// studio outlines on the character page. Without a mask, or with an empty one, the whole image is the subject.
/// </summary>
public static class SubjectRegion
{
    public const double Margin = 0.1;
    public const double Threshold = 0.5;

    /// <param name="image">[3, H, W] (or [1, 3, H, W]).</param>
    /// <param name="mask">[1, H, W] or [1, 1, H, W] in [0, 1], or null.</param>
    /// <returns>[3, side, side], or the image itself as [3, H, W].</returns>
    public static Tensor Crop(Tensor image, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = NewDisposeScope();
        var rgb = image.dim() == 4 ? image[0] : image;
        long height = rgb.shape[1], width = rgb.shape[2];
        if (mask is null)
            return rgb.alias().MoveToOuterDisposeScope();
        var plane = mask.reshape(mask.shape[^2], mask.shape[^1]);
        if (plane.shape[0] != height || plane.shape[1] != width)
            throw new ArgumentException($"mask is {plane.shape[1]}x{plane.shape[0]} but the image is {width}x{height}", nameof(mask));
        var foreground = plane.ge(Threshold);
        var rows = foreground.any(1).nonzero();
        var columns = foreground.any(0).nonzero();
        if (rows.shape[0] == 0)
            return rgb.alias().MoveToOuterDisposeScope();
        long top = rows[0, 0].item<long>(), bottom = rows[-1, 0].item<long>();
        long left = columns[0, 0].item<long>(), right = columns[-1, 0].item<long>();
        var longer = Math.Max(right - left + 1, bottom - top + 1);
        var side = Math.Min(Math.Min(width, height), longer + 2 * (long)Math.Ceiling(longer * Margin - 1e-9));
        var x0 = Math.Clamp((long)Math.Round((left + right + 1) / 2.0 - side / 2.0), 0, width - side);
        var y0 = Math.Clamp((long)Math.Round((top + bottom + 1) / 2.0 - side / 2.0), 0, height - side);
        return rgb.narrow(1, y0, side).narrow(2, x0, side).contiguous().MoveToOuterDisposeScope();
    }
}
