using static TorchSharp.torch;

namespace DreamTuner.Engine.Nn;

/// <summary>
/// Finds a model's attention layers under their diffusers module names
/// (e.g. <c>down_blocks.0.attentions.0.transformer_blocks.0.attn1</c>) and swaps their processors, as diffusers'
/// <c>attn_processors</c> / <c>set_attn_processor</c> do.
/// </summary>
public static class AttentionProcessors
{
    public static IReadOnlyList<(string Name, Attention Module)> Find(nn.Module root) =>
        root.named_modules().Where(m => m.module is Attention).Select(m => (m.name, (Attention)m.module)).ToList();

    public static IReadOnlyDictionary<string, IAttentionProcessor> Get(nn.Module root) =>
        Find(root).ToDictionary(a => a.Name, a => a.Module.Processor);

    public static void SetAll(nn.Module root, IAttentionProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        foreach (var (_, attn) in Find(root))
            attn.Processor = processor;
    }

    /// <summary>Lets <paramref name="choose"/> pick per layer; returning null keeps the layer's current processor.</summary>
    public static void Set(nn.Module root, Func<string, Attention, IAttentionProcessor?> choose)
    {
        foreach (var (name, attn) in Find(root))
            if (choose(name, attn) is { } p)
                attn.Processor = p;
    }

    /// <summary>Sets every layer from a name-keyed map that must name exactly the model's attention layers.</summary>
    public static void Set(nn.Module root, IReadOnlyDictionary<string, IAttentionProcessor> processors)
    {
        var layers = Find(root);
        var missing = layers.Where(l => !processors.ContainsKey(l.Name)).Select(l => l.Name).ToList();
        var unknown = processors.Keys.Except(layers.Select(l => l.Name)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
            throw new ArgumentException(
                $"The processor map names {processors.Count} layers but the model has {layers.Count} attention layers" +
                (missing.Count > 0 ? $"; missing: {string.Join(", ", missing.Take(3))}" : "") +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown.Take(3))}" : ""), nameof(processors));
        foreach (var (name, attn) in layers)
            attn.Processor = processors[name];
    }
}
