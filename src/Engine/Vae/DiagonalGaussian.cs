using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>
/// The VAE's latent distribution (diffusers' <c>DiagonalGaussianDistribution</c>): the encoder's moments split into
/// mean and log-variance, the latter clamped to [-30, 20]. Owns its tensors.
/// </summary>
public sealed class DiagonalGaussian : IDisposable
{
    public DiagonalGaussian(Tensor moments)
    {
        using var scope = NewDisposeScope();
        var parts = moments.chunk(2, 1);
        Mean = parts[0].contiguous().MoveToOuterDisposeScope();
        LogVar = parts[1].clamp(-30.0, 20.0).MoveToOuterDisposeScope();
        Std = (0.5 * LogVar).exp().MoveToOuterDisposeScope();
    }

    public Tensor Mean { get; }
    public Tensor LogVar { get; }
    public Tensor Std { get; }

    /// <summary>mean + std * N(0, 1), drawn from <paramref name="generator"/> when given (reproducible per seed).</summary>
    public Tensor Sample(Generator? generator = null)
    {
        using var noise = randn(Mean.shape, dtype: Mean.dtype, device: Mean.device, generator: generator);
        using var scaled = Std * noise;
        return Mean + scaled;
    }

    /// <summary>The most likely latent (the mean), as diffusers' <c>mode()</c>.</summary>
    public Tensor Mode() => Mean.clone();

    public void Dispose()
    {
        Mean.Dispose();
        LogVar.Dispose();
        Std.Dispose();
    }
}
