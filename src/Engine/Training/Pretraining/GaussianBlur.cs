using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training.Pretraining;

/// <summary>A separable Gaussian blur of [B, C, H, W] images with reflected borders (kernel radius 3 sigma).</summary>
public static class GaussianBlur
{
    public static Tensor Apply(Tensor images, double sigma)
    {
        if (sigma <= 0) return images.alias();
        using var scope = NewDisposeScope();
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        radius = (int)Math.Min(radius, Math.Min(images.shape[2], images.shape[3]) - 1);
        var x = arange(-radius, radius + 1, dtype: ScalarType.Float32, device: images.device);
        var kernel = exp(-(x * x) / (2 * sigma * sigma));
        kernel = (kernel / kernel.sum()).to(images.dtype);
        long channels = images.shape[1];
        var padded = nn.functional.pad(images, [radius, radius, radius, radius], PaddingModes.Reflect);
        var horizontal = nn.functional.conv2d(padded, kernel.view(1, 1, 1, -1).expand(channels, 1, 1, -1), groups: channels);
        var both = nn.functional.conv2d(horizontal, kernel.view(1, 1, -1, 1).expand(channels, 1, -1, 1), groups: channels);
        return both.MoveToOuterDisposeScope();
    }
}
