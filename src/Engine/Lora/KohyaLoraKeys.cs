namespace DreamTuner.Engine.Lora;

/// <summary>
/// kohya-ss / A1111 LoRA key names: the module path with dots as underscores under <c>lora_unet_</c> or
/// <c>lora_te_</c>, e.g. <c>lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q</c> and
/// <c>lora_te_text_model_encoder_layers_0_self_attn_q_proj</c>, each with <c>.lora_down.weight</c>,
/// <c>.lora_up.weight</c> and <c>.alpha</c>.
/// </summary>
public static class KohyaLoraKeys
{
    public const string UnetPrefix = "lora_unet_";
    public const string TextEncoderPrefix = "lora_te_";
    public const string DownSuffix = ".lora_down.weight";
    public const string UpSuffix = ".lora_up.weight";
    public const string AlphaSuffix = ".alpha";

    /// <summary>The kohya module name for a <see cref="LoraTarget.Name"/>.</summary>
    public static string ModuleName(string targetName)
    {
        if (targetName.StartsWith(LoraTarget.UnetPrefix, StringComparison.Ordinal))
            return UnetPrefix + targetName[LoraTarget.UnetPrefix.Length..].Replace('.', '_');
        if (targetName.StartsWith(LoraTarget.TextEncoderPrefix, StringComparison.Ordinal))
            return TextEncoderPrefix + targetName[LoraTarget.TextEncoderPrefix.Length..].Replace('.', '_');
        throw new ArgumentException($"{targetName} is neither a UNet nor a text-encoder projection.");
    }

    /// <summary>The kohya module name a key belongs to, or null when it is not a LoRA key.</summary>
    public static string? ModuleOf(string key)
    {
        if (!key.StartsWith(UnetPrefix, StringComparison.Ordinal) && !key.StartsWith(TextEncoderPrefix, StringComparison.Ordinal))
            return null;
        foreach (var suffix in new[] { DownSuffix, UpSuffix, AlphaSuffix })
            if (key.EndsWith(suffix, StringComparison.Ordinal))
                return key[..^suffix.Length];
        return null;
    }
}
