using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>Sinusoidal timestep features (diffusers' <c>Timesteps</c> / <c>get_timestep_embedding</c>); no weights.</summary>
public sealed class Timesteps : nn.Module<Tensor, Tensor>
{
    private const double MaxPeriod = 10000.0;
    private readonly int _channels;
    private readonly bool _flipSinToCos;
    private readonly double _downscaleFreqShift;

    public Timesteps(int channels, bool flipSinToCos, double downscaleFreqShift) : base(nameof(Timesteps))
    {
        _channels = channels;
        _flipSinToCos = flipSinToCos;
        _downscaleFreqShift = downscaleFreqShift;
    }

    /// <summary>A scalar timestep applies to the whole batch; otherwise one per batch row is required.</summary>
    public static Tensor Broadcast(Tensor timesteps, long batch)
    {
        if (timesteps.dim() == 0)
            return timesteps.reshape(1).expand(batch);
        if (timesteps.dim() != 1 || (timesteps.shape[0] != batch && timesteps.shape[0] != 1))
            throw new ArgumentException($"timesteps must be a scalar or have {batch} entries, got shape [{string.Join(",", timesteps.shape)}]");
        return timesteps.expand(batch);
    }

    /// <returns>float32 [B, channels].</returns>
    public override Tensor forward(Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        int half = _channels / 2;
        // Same float32 operation order as diffusers, so the sin/cos arguments round identically.
        var exponent = -Math.Log(MaxPeriod) * arange(0, half, dtype: ScalarType.Float32, device: timesteps.device);
        exponent = exponent / (half - _downscaleFreqShift);
        var freqs = exponent.exp();
        var args = timesteps.to(ScalarType.Float32).unsqueeze(1) * freqs.unsqueeze(0);
        var emb = cat([args.sin(), args.cos()], -1);
        if (_flipSinToCos)
            emb = cat([emb[.., half..], emb[.., ..half]], -1);
        if (_channels % 2 == 1)
            emb = nn.functional.pad(emb, [0L, 1L]);
        return emb.MoveToOuterDisposeScope();
    }
}
