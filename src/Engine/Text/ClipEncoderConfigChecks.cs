using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Text;

/// <summary>The checks every CLIP tower config shares (text and vision), reported against the config's source.</summary>
public static class ClipEncoderConfigChecks
{
    public static void ValidateEncoder(this IClipEncoderConfig c, string source)
    {
        Require(c.HiddenSize > 0, source, $"hidden_size must be positive, got {c.HiddenSize}");
        Require(c.IntermediateSize > 0, source, $"intermediate_size must be positive, got {c.IntermediateSize}");
        Require(c.NumHiddenLayers > 0, source, $"num_hidden_layers must be positive, got {c.NumHiddenLayers}");
        Require(c.NumAttentionHeads > 0, source, $"num_attention_heads must be positive, got {c.NumAttentionHeads}");
        Require(c.HiddenSize % c.NumAttentionHeads == 0, source,
            $"hidden_size {c.HiddenSize} is not divisible by num_attention_heads {c.NumAttentionHeads}");
        Require(c.LayerNormEps > 0, source, $"layer_norm_eps must be positive, got {c.LayerNormEps}");
        Require(ClipActivation.IsKnown(c.HiddenAct), source,
            $"hidden_act \"{c.HiddenAct}\" does not exist (use one of {string.Join(", ", ClipActivation.Names)})");
    }

    public static void Require(bool ok, string source, string message)
    {
        if (!ok) throw new CheckpointException($"{source}: {message}");
    }
}
