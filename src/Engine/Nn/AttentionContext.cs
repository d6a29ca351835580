namespace DreamTuner.Engine.Nn;

/// <summary>
/// Per-forward-call data that reaches every attention processor (diffusers' <c>cross_attention_kwargs</c>).
/// Features are keyed by type so that later methods add their own state without changing the model signatures.
/// There is deliberately no model-wide attention mask: self- and cross-attention layers have different key
/// lengths, so a mask belongs to the feature (and processor) that knows which layers it applies to.
/// </summary>
public sealed class AttentionContext
{
    private readonly Dictionary<Type, object> _features = new();

    public AttentionContext Set<T>(T feature) where T : class
    {
        _features[typeof(T)] = feature;
        return this;
    }

    /// <summary>A copy of this context with <paramref name="feature"/> set (this one is left as it is).</summary>
    public AttentionContext With<T>(T feature) where T : class
    {
        var copy = new AttentionContext();
        foreach (var (type, value) in _features) copy._features[type] = value;
        copy._features[typeof(T)] = feature;
        return copy;
    }

    public T? Get<T>() where T : class => _features.TryGetValue(typeof(T), out var f) ? (T)f : null;
}
