using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// Per-forward-call data that reaches every attention processor (diffusers' <c>cross_attention_kwargs</c>).
/// Features are keyed by type so that later methods add their own state without changing the model signatures.
/// </summary>
public sealed class AttentionContext
{
    private readonly Dictionary<Type, object> _features = new();

    /// <summary>Additive float mask broadcastable to [B, heads, Lq, Lk], applied by the default processor.</summary>
    public Tensor? Mask { get; init; }

    public AttentionContext Set<T>(T feature) where T : class
    {
        _features[typeof(T)] = feature;
        return this;
    }

    public T? Get<T>() where T : class => _features.TryGetValue(typeof(T), out var f) ? (T)f : null;
}
