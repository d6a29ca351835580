using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// The additive bias <c>log m</c> of self-subject-attention (DreamTuner Eq. 3), <c>m = [J, w_ref * m_r]</c>, at every
/// token resolution of the UNet. Built once per generation from the reference foreground masks and cached per
/// resolution (owned here, freed by <see cref="Dispose"/>).
/// <para>
/// Choices where the paper is silent:
/// <list type="bullet">
/// <item>log 0 = -inf is replaced by <see cref="BackgroundBias"/> = -10000: after softmax's max-subtraction
/// exp(-10000 + s) underflows to exactly 0 in float32/bf16 (and fits fp16), and, unlike -inf, it can never produce
/// NaN. A fractional mask value m gives log(w_ref * m), floored at the same constant.</item>
/// <item>The mask (given at image resolution) is resized to each layer's h x w with area interpolation (the mean of
/// the pixels each token covers), so tokens on the subject's edge get a fractional weight instead of a hard
/// nearest-neighbour decision.</item>
/// <item>A layer's h x w is found from its token count by halving the latent size with ceiling (the rounding of the
/// UNet's stride-2 downsamplers) until h*w equals it.</item>
/// </list>
/// </para>
/// </summary>
public sealed class SelfSubjectAttentionBias : IDisposable
{
    /// <summary>Stands for log 0: cuts a reference background token out of the softmax (exp underflows to 0).</summary>
    public const double BackgroundBias = -10000.0;

    private readonly Tensor _masks;
    private readonly Dictionary<(long Tokens, ScalarType DType, string Device), Tensor> _cache = new();
    private readonly Dictionary<(long Tokens, ScalarType DType, string Device), LayerKeys> _layerCache = new();

    /// <param name="masks">[R, 1, H, W] foreground masks in [0, 1] (1 = subject), one per reference image.</param>
    /// <param name="latentHeight">Height of the UNet input (latent) the masks are aligned with.</param>
    /// <param name="latentWidth">Width of the UNet input.</param>
    /// <param name="wRef">omega_ref of Eq. 3: weight of the reference's foreground tokens.</param>
    public SelfSubjectAttentionBias(Tensor masks, int latentHeight, int latentWidth, double wRef)
    {
        if (masks.dim() != 4 || masks.shape[1] != 1)
            throw new ArgumentException($"reference masks must be [R, 1, H, W], got [{string.Join(", ", masks.shape)}]");
        if (wRef <= 0) throw new ArgumentException($"w_ref must be positive, got {wRef}.");
        _masks = masks.to(ScalarType.Float32).clamp(0, 1).detach().DetachFromDisposeScope();
        LatentHeight = latentHeight;
        LatentWidth = latentWidth;
        WRef = wRef;
    }

    public int LatentHeight { get; }
    public int LatentWidth { get; }
    public double WRef { get; }
    public int ReferenceCount => (int)_masks.shape[0];

    /// <summary>The token grid of a layer with <paramref name="tokens"/> tokens per image.</summary>
    public (int Height, int Width) GridFor(long tokens)
    {
        int h = LatentHeight, w = LatentWidth;
        while ((long)h * w > tokens && (h > 1 || w > 1))
            (h, w) = ((h + 1) / 2, (w + 1) / 2);
        if ((long)h * w != tokens)
            throw new InvalidOperationException(
                $"a self-attention layer has {tokens} tokens, which is no downsampling of the {LatentHeight}x{LatentWidth} latent");
        return (h, w);
    }

    /// <summary>
    /// log(w_ref * m_r) for the reference tokens of a layer with <paramref name="tokens"/> tokens per image:
    /// [R * tokens], references in order, each flattened row-major like the layer's tokens. Owned by this object.
    /// </summary>
    public Tensor ReferenceLogMask(long tokens, ScalarType dtype, Device device)
    {
        var key = (tokens, dtype, device.ToString());
        if (_cache.TryGetValue(key, out var cached)) return cached;
        using var scope = NewDisposeScope();
        var (h, w) = GridFor(tokens);
        var resized = _masks.shape[2] == h && _masks.shape[3] == w
            ? _masks
            : nn.functional.interpolate(_masks, [h, w], mode: InterpolationMode.Area);
        var weighted = resized.flatten() * WRef;
        var log = where(weighted.gt(0), weighted.clamp_min(1e-30).log(), full_like(weighted, BackgroundBias))
            .clamp_min(BackgroundBias);
        var result = log.to(dtype).to(device).DetachFromDisposeScope();
        _cache[key] = result;
        return result;
    }

    /// <summary>
    /// What a layer with <paramref name="tokens"/> tokens per image needs for Eq. 3 (cached, owned by this object):
    /// for each reference, the indices of its tokens that can receive attention (m_r &gt; 0; null when all can), and the
    /// bias for a generated row's keys <c>[own tokens, kept tokens of reference 1, ..., of reference R]</c>: 0 (log J)
    /// on its own tokens, log(w_ref * m_r) on the kept ones, shaped [1, 1, 1, keys] so it broadcasts over rows, heads
    /// and queries instead of being materialised per query.
    /// <para>Dropping a background token is exact, not an approximation: its bias is <see cref="BackgroundBias"/>, so
    /// its softmax weight is exp(-10000 + s - max) = 0 in float32/bf16 anyway; leaving it out only saves the work
    /// (a subject covering a quarter of the reference costs a quarter of the extra attention).</para>
    /// </summary>
    public LayerKeys KeysFor(long tokens, ScalarType dtype, Device device)
    {
        var key = (tokens, dtype, device.ToString());
        if (_layerCache.TryGetValue(key, out var cached)) return cached;
        using var scope = NewDisposeScope();
        var log = ReferenceLogMask(tokens, ScalarType.Float32, CPU).view(ReferenceCount, tokens);
        var parts = new List<Tensor> { zeros(tokens, dtype: ScalarType.Float32) };
        var kept = new Tensor?[ReferenceCount];
        for (int j = 0; j < ReferenceCount; j++)
        {
            var keep = log[j].gt(BackgroundBias).nonzero().flatten();
            bool all = keep.shape[0] == tokens;
            parts.Add(all ? log[j] : log[j].index_select(0, keep));
            kept[j] = all ? null : keep.to(device).DetachFromDisposeScope();
        }
        var bias = cat(parts, 0).to(dtype).to(device).view(1, 1, 1, -1).DetachFromDisposeScope();
        var result = new LayerKeys(bias, kept);
        _layerCache[key] = result;
        return result;
    }

    /// <summary>See <see cref="KeysFor"/>.</summary>
    public sealed record LayerKeys(Tensor KeyBias, IReadOnlyList<Tensor?> KeptTokens);

    public void Dispose()
    {
        _masks.Dispose();
        foreach (var t in _cache.Values) t.Dispose();
        foreach (var layer in _layerCache.Values)
        {
            layer.KeyBias.Dispose();
            foreach (var kept in layer.KeptTokens) kept?.Dispose();
        }
        _cache.Clear();
        _layerCache.Clear();
    }
}
