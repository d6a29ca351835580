using DreamTuner.Engine.Imaging;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>Image operations on reference images.</summary>
public static class ReferenceImages
{
    /// <summary>
    /// The subject on a plain white background (paper section 3.3, improvement 1; also what the subject-encoder
    /// sees): image * m + (1 - m). <paramref name="image01"/> [B, 3, H, W] in [0, 1], <paramref name="mask"/>
    /// [B, 1, H, W] in [0, 1]; soft mask edges blend into white.
    /// </summary>
    public static Tensor ReplaceBackgroundWithWhite(Tensor image01, Tensor mask)
    {
        if (mask.dim() != 4 || mask.shape[1] != 1 || mask.shape[2] != image01.shape[2] || mask.shape[3] != image01.shape[3])
            throw new ArgumentException($"mask [{string.Join(", ", mask.shape)}] does not fit image [{string.Join(", ", image01.shape)}].");
        using var scope = NewDisposeScope();
        var m = mask.to(image01.dtype).clamp(0, 1);
        return (image01 * m + (1 - m)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Fits a reference of any size into the output's <paramref name="width"/> x <paramref name="height"/> without
    /// distorting the subject: scaled to fit (Lanczos for the image, bilinear for the mask), centred, padded with
    /// white pixels whose mask is 0 (background). The reference latent must match the generated latent because both
    /// go through one batched UNet call.
    /// </summary>
    public static (Tensor Image01, Tensor Mask) FitToCanvas(Tensor image01, Tensor mask, int width, int height)
    {
        using var scope = NewDisposeScope();
        int h = (int)image01.shape[2], w = (int)image01.shape[3];
        double s = Math.Min((double)width / w, (double)height / h);
        int rw = Math.Clamp((int)Math.Round(w * s), 1, width), rh = Math.Clamp((int)Math.Round(h * s), 1, height);
        var img = rw == w && rh == h ? image01 : ImageTensors.Resize(image01, rw, rh).clamp(0, 1);
        var m = rw == w && rh == h ? mask : nn.functional.interpolate(mask, [rh, rw], mode: InterpolationMode.Bilinear, align_corners: false).clamp(0, 1);
        var canvas = ones(1, 3, height, width, dtype: img.dtype, device: img.device);
        var canvasMask = zeros(1, 1, height, width, dtype: m.dtype, device: m.device);
        int top = (height - rh) / 2, left = (width - rw) / 2;
        canvas[.., .., top..(top + rh), left..(left + rw)] = img;
        canvasMask[.., .., top..(top + rh), left..(left + rw)] = m;
        return (canvas.MoveToOuterDisposeScope(), canvasMask.MoveToOuterDisposeScope());
    }
}
