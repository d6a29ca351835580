using static TorchSharp.torch;

namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>
/// Distorts what the subject-encoder sees (never the image the UNet must reconstruct): flip, scale and rotation and an
/// elastic warp in one resampling of image and mask, then a blur of the image. Every draw comes from the caller's
/// generator, and the same number of values is drawn whatever is applied, so a step replays exactly.
/// </summary>
public sealed class EncoderAugmentation(EncoderAugmentationOptions options)
{
    public EncoderAugmentationOptions Options { get; } = options;

    /// <summary><paramref name="image01"/> [1, 3, H, W] and <paramref name="mask"/> [1, 1, H, W] in [0, 1] to distorted copies.</summary>
    public (Tensor Image01, Tensor Mask) Apply(Tensor image01, Tensor mask, Generator generator)
    {
        long h = image01.shape[2], w = image01.shape[3];
        var u = rand([6], dtype: ScalarType.Float64, generator: generator).data<double>().ToArray();
        var field = randn([1, 2, Options.ElasticGrid, Options.ElasticGrid], dtype: ScalarType.Float32, generator: generator);
        if (!Options.Enabled)
            return (image01.clone(), mask.clone());

        using var scope = NewDisposeScope();
        var o = Options;
        double flip = u[0] < o.FlipProbability ? -1 : 1;
        double angle = (u[1] * 2 - 1) * o.MaxRotationDegrees * Math.PI / 180;
        double scale = o.MinScale + u[2] * (o.MaxScale - o.MinScale);
        // affine_grid maps output coordinates to input coordinates: the inverse of the wanted transform.
        double c = Math.Cos(angle) / scale, s = Math.Sin(angle) / scale;
        var theta = tensor(new float[] { (float)(c * flip), (float)-s, 0, (float)(s * flip), (float)c, 0 }).view(1, 2, 3);
        var grid = nn.functional.affine_grid(theta, [1, 1, h, w], align_corners: false);
        if (u[3] < o.ElasticProbability)
        {
            var displacement = nn.functional.interpolate(field * (float)(2 * o.ElasticStrength), [h, w],
                mode: InterpolationMode.Bicubic, align_corners: true);
            grid = grid + displacement.permute(0, 2, 3, 1);
        }
        var both = cat([image01.to(ScalarType.Float32), mask.to(ScalarType.Float32)], 1);
        var warped = nn.functional.grid_sample(both, grid.to(both.device), GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        var image = warped[.., ..3];
        var newMask = warped[.., 3..].clamp(0, 1);
        if (u[4] < o.BlurProbability)
            image = GaussianBlur.Apply(image, u[5] * o.MaxBlurSigma * Math.Max(h, w));
        return (image.clamp(0, 1).to(image01.dtype).MoveToOuterDisposeScope(), newMask.to(mask.dtype).MoveToOuterDisposeScope());
    }
}
