using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>Rendered world examples as the tensors readers take: <c>[N, 3, H, W]</c> float RGB in [0, 1].</summary>
public static class SpriteImages
{
    public static Tensor Render(IReadOnlyList<StarterExample> examples, int size = StarterRenderer.DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(examples);
        int pixels = size * size * 3;
        var bytes = new byte[examples.Count * pixels];
        for (var i = 0; i < examples.Count; i++)
            StarterRenderer.Render(examples[i], size).Image.CopyTo(bytes, i * pixels);
        using var raw = tensor(bytes, dtype: ScalarType.Byte);
        return raw.view(examples.Count, size, size, 3).permute(0, 3, 1, 2).to(ScalarType.Float32).div_(255.0);
    }

    /// <summary>
    /// <paramref name="images"/> (<c>[N, 3, H, W]</c> in [0, 1]) through <paramref name="vae"/>: encode, posterior mean,
    /// decode; float32 on the CPU in [0, 1]. The closest stand-in for generated images, which all leave through that decoder.
    /// </summary>
    public static Tensor VaeRoundTrip(Vae.AutoencoderKL vae, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(images);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var weight = vae.parameters().First();
        using var posterior = vae.Encode((images * 2 - 1).to(weight.dtype, weight.device));
        return ((vae.Decode(posterior.Mean).to(ScalarType.Float32, CPU) + 1) / 2).clamp(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Softens images towards what a diffusion model decodes: each row is mixed with its 3x3 Gaussian blur by a random
    /// share in [0, 1] and gets Gaussian noise of a random standard deviation in [0, <paramref name="maxNoise"/>].
    /// </summary>
    public static Tensor Soften(Tensor images, Generator generator, double maxNoise = 0.05)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        long n = images.shape[0], channels = images.shape[1];
        var kernel = tensor(new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }).view(1, 1, 3, 3).div(16).expand(channels, 1, 3, 3);
        var blurred = nn.functional.conv2d(nn.functional.pad(images, [1, 1, 1, 1], PaddingModes.Replicate), kernel, groups: channels);
        var share = rand([n, 1, 1, 1], generator: generator);
        var noise = randn(images.shape, generator: generator) * (rand([n, 1, 1, 1], generator: generator) * maxNoise);
        return (images + share * (blurred - images) + noise).clamp(0, 1).MoveToOuterDisposeScope();
    }
}
