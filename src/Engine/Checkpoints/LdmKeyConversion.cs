using System.Globalization;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// Converts single-file Stable Diffusion 1.x checkpoints in the original CompVis/LDM layout (the
/// <c>.safetensors</c>/<c>.ckpt</c> files A1111 and model sites share) to diffusers' per-component key
/// layout, and back. Follows diffusers' <c>loaders/single_file_utils.py</c>
/// (<c>convert_ldm_unet_checkpoint</c>, <c>convert_ldm_vae_checkpoint</c>, <c>convert_ldm_clip_checkpoint</c>),
/// but maps one key at a time so that every key is either converted or reported, never silently dropped.
/// Pure functions: tensors are not copied (outputs are new handles on the same storage).
/// </summary>
public static partial class LdmKeyConversion
{
    public const string UnetPrefix = "model.diffusion_model.";
    public const string VaePrefix = "first_stage_model.";
    public const string TextEncoderPrefix = "cond_stage_model.transformer.";

    /// <summary>diffusers' (and transformers' since 4.x) CLIPTextModel nests everything under this.</summary>
    public const string TextModelPrefix = "text_model.";

    /// <summary>LDM's EMA copy of the UNet (flattened names); A1111-style files usually hold the EMA weights in the main keys already.</summary>
    public const string EmaPrefix = "model_ema.";

    /// <summary>Training-only VAE loss (LPIPS/discriminator) weights some files carry.</summary>
    public const string VaeLossPrefix = "first_stage_model.loss.";

    private const int ReportedKeys = 5;

    /// <summary>LDM's DDPM schedule buffers: our schedulers compute them from the scheduler config.</summary>
    private static readonly HashSet<string> ScheduleBuffers =
    [
        "betas", "alphas_cumprod", "alphas_cumprod_prev", "sqrt_alphas_cumprod", "sqrt_one_minus_alphas_cumprod",
        "log_one_minus_alphas_cumprod", "sqrt_recip_alphas_cumprod", "sqrt_recipm1_alphas_cumprod",
        "posterior_variance", "posterior_log_variance_clipped", "posterior_mean_coef1", "posterior_mean_coef2",
        "logvar", "lvlb_weights",
    ];

    /// <summary>A buffer (0..76) that CLIPTextModel recreates; newer transformers no longer save it.</summary>
    private const string PositionIds = "embeddings.position_ids";

    private static readonly Dictionary<string, string> UnetModules = new()
    {
        ["time_embed.0"] = "time_embedding.linear_1",
        ["time_embed.2"] = "time_embedding.linear_2",
        ["label_emb.0.0"] = "class_embedding.linear_1",
        ["label_emb.0.2"] = "class_embedding.linear_2",
        ["input_blocks.0.0"] = "conv_in",
        ["out.0"] = "conv_norm_out",
        ["out.2"] = "conv_out",
    };

    private static readonly Dictionary<string, string> UnetResnetModules = new()
    {
        ["in_layers.0"] = "norm1",
        ["in_layers.2"] = "conv1",
        ["emb_layers.1"] = "time_emb_proj",
        ["out_layers.0"] = "norm2",
        ["out_layers.3"] = "conv2",
        ["skip_connection"] = "conv_shortcut",
    };

    private static readonly Dictionary<string, string> VaeModules = new()
    {
        ["encoder.conv_in"] = "encoder.conv_in",
        ["encoder.conv_out"] = "encoder.conv_out",
        ["encoder.norm_out"] = "encoder.conv_norm_out",
        ["decoder.conv_in"] = "decoder.conv_in",
        ["decoder.conv_out"] = "decoder.conv_out",
        ["decoder.norm_out"] = "decoder.conv_norm_out",
        ["quant_conv"] = "quant_conv",
        ["post_quant_conv"] = "post_quant_conv",
    };

    private static readonly Dictionary<string, string> VaeResnetModules = new()
    {
        ["norm1"] = "norm1",
        ["conv1"] = "conv1",
        ["norm2"] = "norm2",
        ["conv2"] = "conv2",
        ["nin_shortcut"] = "conv_shortcut",
    };

    /// <summary>The VAE mid-block attention: LDM uses 1x1 convolutions where diffusers uses linear layers.</summary>
    private static readonly Dictionary<string, string> VaeAttentionModules = new()
    {
        ["norm"] = "group_norm",
        ["q"] = "to_q",
        ["k"] = "to_k",
        ["v"] = "to_v",
        ["proj_out"] = "to_out.0",
    };

    private static readonly Dictionary<string, string> UnetModulesInverse = Invert(UnetModules);
    private static readonly Dictionary<string, string> UnetResnetModulesInverse = Invert(UnetResnetModules);
    private static readonly Dictionary<string, string> VaeModulesInverse = Invert(VaeModules);
    private static readonly Dictionary<string, string> VaeResnetModulesInverse = Invert(VaeResnetModules);
    private static readonly Dictionary<string, string> VaeAttentionModulesInverse = Invert(VaeAttentionModules);

    // ---------------------------------------------------------------- whole checkpoint

    /// <summary>
    /// Splits an LDM-layout SD 1.x checkpoint into diffusers-layout UNet, VAE and CLIP text encoder dicts.
    /// Throws <see cref="CheckpointException"/> naming the first unexpected keys, or the component that is absent.
    /// </summary>
    /// <param name="source">Names the file in error messages.</param>
    public static SingleFileComponents Convert(IReadOnlyDictionary<string, Tensor> checkpoint,
        LdmUnetLayout? unetLayout = null, string source = "The checkpoint")
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var unexpected = new List<string>();
        var unet = ConvertPrefixed(checkpoint, UnetPrefix, UnetMapper(unetLayout), unexpected);
        var vae = ConvertPrefixed(checkpoint, VaePrefix, VaeMapper(checkpoint.Keys), unexpected);
        var text = ConvertPrefixed(checkpoint, TextEncoderPrefix, TextEncoderKeyToDiffusers, unexpected);
        unexpected.AddRange(checkpoint.Keys.Where(k =>
            !k.StartsWith(UnetPrefix, StringComparison.Ordinal) && !k.StartsWith(VaePrefix, StringComparison.Ordinal) &&
            !k.StartsWith(TextEncoderPrefix, StringComparison.Ordinal) && !IsIgnorable(k)));
        ThrowIfUnexpected(source, unexpected);
        RequireComponent(source, unet, "UNet", UnetPrefix);
        RequireComponent(source, vae, "VAE", VaePrefix);
        RequireComponent(source, text, "text encoder", TextEncoderPrefix);
        return new SingleFileComponents(unet, vae, text);
    }

    /// <summary>The UNet of an LDM checkpoint (keys under <see cref="UnetPrefix"/>) in diffusers' layout.</summary>
    public static Dictionary<string, Tensor> ConvertUnet(IReadOnlyDictionary<string, Tensor> checkpoint,
        LdmUnetLayout? layout = null, string source = "The checkpoint")
    {
        var unexpected = new List<string>();
        var unet = ConvertPrefixed(checkpoint, UnetPrefix, UnetMapper(layout), unexpected);
        ThrowIfUnexpected(source, unexpected);
        RequireComponent(source, unet, "UNet", UnetPrefix);
        return unet;
    }

    /// <summary>The VAE of an LDM checkpoint (keys under <see cref="VaePrefix"/>) in diffusers' layout.</summary>
    public static Dictionary<string, Tensor> ConvertVae(IReadOnlyDictionary<string, Tensor> checkpoint,
        string source = "The checkpoint")
    {
        var unexpected = new List<string>();
        var vae = ConvertPrefixed(checkpoint, VaePrefix, VaeMapper(checkpoint.Keys), unexpected);
        ThrowIfUnexpected(source, unexpected);
        RequireComponent(source, vae, "VAE", VaePrefix);
        return vae;
    }

    /// <summary>The CLIP text encoder (keys under <see cref="TextEncoderPrefix"/>) in transformers' CLIPTextModel layout.</summary>
    public static Dictionary<string, Tensor> ConvertTextEncoder(IReadOnlyDictionary<string, Tensor> checkpoint,
        string source = "The checkpoint")
    {
        var unexpected = new List<string>();
        var text = ConvertPrefixed(checkpoint, TextEncoderPrefix, TextEncoderKeyToDiffusers, unexpected);
        ThrowIfUnexpected(source, unexpected);
        RequireComponent(source, text, "text encoder", TextEncoderPrefix);
        return text;
    }

    /// <summary>
    /// Builds one LDM-layout checkpoint from diffusers-layout components (the inverse of <see cref="Convert"/>):
    /// used to export single files and to test the conversion against diffusers-format models.
    /// </summary>
    public static Dictionary<string, Tensor> ToLdm(IReadOnlyDictionary<string, Tensor> unet,
        IReadOnlyDictionary<string, Tensor> vae, IReadOnlyDictionary<string, Tensor> textEncoder,
        LdmUnetLayout? unetLayout = null)
    {
        var layout = unetLayout ?? LdmUnetLayout.Sd15;
        layout.Validate();
        var vaeBlocks = CountBlocks(vae.Keys, DiffusersDecoderUpBlock());
        var result = new Dictionary<string, Tensor>();
        var unexpected = new List<string>();
        Add(unet, k => UnetKeyToLdm(k, layout), "UNet ");
        Add(vae, k => VaeKeyToLdm(k, vaeBlocks), "VAE ");
        Add(textEncoder, TextEncoderKeyToLdm, "text encoder ");
        if (unexpected.Count > 0)
            throw new CheckpointException(
                $"These weights cannot be written as a Stable Diffusion 1.x single file: unexpected keys {Summarize(unexpected)}.");
        return result;

        void Add(IReadOnlyDictionary<string, Tensor> component, Func<string, string?> map, string what)
        {
            foreach (var (key, tensor) in component)
            {
                if (map(key) is { } ldm && result.TryAdd(ldm, ToLdmTensor(ldm, tensor)))
                    continue;
                unexpected.Add(what + key);
            }
        }
    }

    // ---------------------------------------------------------------- UNet keys

    /// <summary>Maps one full LDM UNet key (with <see cref="UnetPrefix"/>) to diffusers; null if it has no place in <paramref name="layout"/>.</summary>
    public static string? UnetKeyToDiffusers(string ldmKey, LdmUnetLayout layout)
    {
        if (!ldmKey.StartsWith(UnetPrefix, StringComparison.Ordinal) || !SplitParameter(ldmKey[UnetPrefix.Length..], out var module, out var param))
            return null;
        var mapped = UnetModuleToDiffusers(module, layout);
        return mapped == null ? null : $"{mapped}.{param}";
    }

    /// <summary>Maps one diffusers UNet key to its full LDM key; null if it has no place in <paramref name="layout"/>.</summary>
    public static string? UnetKeyToLdm(string diffusersKey, LdmUnetLayout layout)
    {
        if (!SplitParameter(diffusersKey, out var module, out var param))
            return null;
        var mapped = UnetModuleToLdm(module, layout);
        return mapped == null ? null : $"{UnetPrefix}{mapped}.{param}";
    }

    private static string? UnetModuleToDiffusers(string module, LdmUnetLayout layout)
    {
        if (UnetModules.TryGetValue(module, out var simple))
            return simple;
        int stride = layout.LayersPerBlock + 1;
        if (LdmBlock().Match(module) is { Success: true } m)
        {
            var kind = m.Groups[1].Value;
            int n = Int(m.Groups[2]), part = Int(m.Groups[3]);
            var rest = m.Groups[4].Value;
            if (kind == "input_blocks")
            {
                if (n == 0)
                    return null;
                int i = (n - 1) / stride, j = (n - 1) % stride;
                if (i >= layout.NumBlocks)
                    return null;
                if (j < layout.LayersPerBlock)
                    return part switch
                    {
                        0 => Prefixed($"down_blocks.{i}.resnets.{j}.", UnetResnet(rest)),
                        1 when layout.DownHasAttention[i] => Prefixed($"down_blocks.{i}.attentions.{j}.", UnetAttention(rest)),
                        _ => null,
                    };
                return i < layout.NumBlocks - 1 && part == 0 && rest == "op" ? $"down_blocks.{i}.downsamplers.0.conv" : null;
            }
            {
                int i = n / stride, j = n % stride;
                if (i >= layout.NumBlocks)
                    return null;
                int upsamplerPart = layout.UpHasAttention[i] ? 2 : 1;
                if (part == 0)
                    return Prefixed($"up_blocks.{i}.resnets.{j}.", UnetResnet(rest));
                if (part == 1 && layout.UpHasAttention[i])
                    return Prefixed($"up_blocks.{i}.attentions.{j}.", UnetAttention(rest));
                return part == upsamplerPart && j == layout.LayersPerBlock && i < layout.NumBlocks - 1 && rest == "conv"
                    ? $"up_blocks.{i}.upsamplers.0.conv"
                    : null;
            }
        }
        if (LdmMiddleBlock().Match(module) is { Success: true } mid)
        {
            var rest = mid.Groups[2].Value;
            return Int(mid.Groups[1]) switch
            {
                0 => Prefixed("mid_block.resnets.0.", UnetResnet(rest)),
                1 => Prefixed("mid_block.attentions.0.", UnetAttention(rest)),
                2 => Prefixed("mid_block.resnets.1.", UnetResnet(rest)),
                _ => null,
            };
        }
        return null;
    }

    private static string? UnetModuleToLdm(string module, LdmUnetLayout layout)
    {
        if (UnetModulesInverse.TryGetValue(module, out var simple))
            return simple;
        int stride = layout.LayersPerBlock + 1;
        if (DiffusersBlock().Match(module) is { Success: true } m)
        {
            var direction = m.Groups[1].Value;
            int i = Int(m.Groups[2]);
            var kind = m.Groups[3].Value;
            int j = Int(m.Groups[4]);
            var rest = m.Groups[5].Value;
            if (i >= layout.NumBlocks)
                return null;
            if (direction == "down")
            {
                int n = 1 + i * stride + j;
                return kind switch
                {
                    "resnets" when j < layout.LayersPerBlock => Prefixed($"input_blocks.{n}.0.", UnetResnetInverse(rest)),
                    "attentions" when j < layout.LayersPerBlock && layout.DownHasAttention[i] =>
                        Prefixed($"input_blocks.{n}.1.", UnetAttention(rest)),
                    "downsamplers" when j == 0 && rest == "conv" && i < layout.NumBlocks - 1 => $"input_blocks.{(i + 1) * stride}.0.op",
                    _ => null,
                };
            }
            {
                int n = i * stride + j;
                return kind switch
                {
                    "resnets" when j <= layout.LayersPerBlock => Prefixed($"output_blocks.{n}.0.", UnetResnetInverse(rest)),
                    "attentions" when j <= layout.LayersPerBlock && layout.UpHasAttention[i] =>
                        Prefixed($"output_blocks.{n}.1.", UnetAttention(rest)),
                    "upsamplers" when j == 0 && rest == "conv" && i < layout.NumBlocks - 1 =>
                        $"output_blocks.{i * stride + layout.LayersPerBlock}.{(layout.UpHasAttention[i] ? 2 : 1)}.conv",
                    _ => null,
                };
            }
        }
        if (DiffusersMidBlock().Match(module) is { Success: true } mid)
        {
            var rest = mid.Groups[3].Value;
            return (mid.Groups[1].Value, Int(mid.Groups[2])) switch
            {
                ("resnets", 0) => Prefixed("middle_block.0.", UnetResnetInverse(rest)),
                ("attentions", 0) => Prefixed("middle_block.1.", UnetAttention(rest)),
                ("resnets", 1) => Prefixed("middle_block.2.", UnetResnetInverse(rest)),
                _ => null,
            };
        }
        return null;
    }

    private static string? UnetResnet(string module) => UnetResnetModules.GetValueOrDefault(module);
    private static string? UnetResnetInverse(string module) => UnetResnetModulesInverse.GetValueOrDefault(module);

    /// <summary>SpatialTransformer and diffusers' Transformer2DModel use the same names inside, so only validate.</summary>
    private static string? UnetAttention(string module) => TransformerModule().IsMatch(module) ? module : null;

    // ---------------------------------------------------------------- VAE keys

    /// <summary>
    /// Maps one full LDM VAE key (with <see cref="VaePrefix"/>) to diffusers; null if unknown.
    /// <paramref name="numBlocks"/> is needed because LDM numbers decoder blocks from the lowest resolution up.
    /// </summary>
    public static string? VaeKeyToDiffusers(string ldmKey, int numBlocks)
    {
        if (!ldmKey.StartsWith(VaePrefix, StringComparison.Ordinal) || !SplitParameter(ldmKey[VaePrefix.Length..], out var module, out var param))
            return null;
        var mapped = VaeModuleToDiffusers(module, numBlocks);
        return mapped == null ? null : $"{mapped}.{param}";
    }

    /// <summary>Maps one diffusers VAE key to its full LDM key; null if unknown.</summary>
    public static string? VaeKeyToLdm(string diffusersKey, int numBlocks)
    {
        if (!SplitParameter(diffusersKey, out var module, out var param))
            return null;
        var mapped = VaeModuleToLdm(module, numBlocks);
        return mapped == null ? null : $"{VaePrefix}{mapped}.{param}";
    }

    private static string? VaeModuleToDiffusers(string module, int numBlocks)
    {
        if (VaeModules.TryGetValue(module, out var simple))
            return simple;
        if (LdmVaeBlock().Match(module) is { Success: true } m)
        {
            bool encoder = m.Groups[1].Value == "encoder.down";
            int index = Int(m.Groups[2]);
            if (index >= numBlocks)
                return null;
            // LDM's decoder.up.0 is the last (highest-resolution) block; diffusers runs up_blocks in order.
            int block = encoder ? index : numBlocks - 1 - index;
            var target = encoder ? $"encoder.down_blocks.{block}" : $"decoder.up_blocks.{block}";
            if (m.Groups[3].Success)
                return Prefixed($"{target}.resnets.{Int(m.Groups[3])}.", VaeResnetModules.GetValueOrDefault(m.Groups[4].Value));
            bool samplerMatches = m.Groups[5].Value == (encoder ? "downsample" : "upsample");
            return samplerMatches && block < numBlocks - 1
                ? $"{target}.{(encoder ? "downsamplers" : "upsamplers")}.0.conv"
                : null;
        }
        if (LdmVaeMid().Match(module) is { Success: true } mid)
        {
            var coder = mid.Groups[1].Value;
            var rest = mid.Groups[3].Value;
            return mid.Groups[2].Value switch
            {
                "block_1" => Prefixed($"{coder}.mid_block.resnets.0.", VaeResnetModules.GetValueOrDefault(rest)),
                "block_2" => Prefixed($"{coder}.mid_block.resnets.1.", VaeResnetModules.GetValueOrDefault(rest)),
                _ => Prefixed($"{coder}.mid_block.attentions.0.", VaeAttentionModules.GetValueOrDefault(rest)),
            };
        }
        return null;
    }

    private static string? VaeModuleToLdm(string module, int numBlocks)
    {
        if (VaeModulesInverse.TryGetValue(module, out var simple))
            return simple;
        if (DiffusersVaeBlock().Match(module) is { Success: true } m)
        {
            bool encoder = m.Groups[1].Value == "encoder.down_blocks";
            int block = Int(m.Groups[2]);
            var kind = m.Groups[3].Value;
            int j = Int(m.Groups[4]);
            var rest = m.Groups[5].Value;
            if (block >= numBlocks)
                return null;
            var target = encoder ? $"encoder.down.{block}" : $"decoder.up.{numBlocks - 1 - block}";
            return kind switch
            {
                "resnets" => Prefixed($"{target}.block.{j}.", VaeResnetModulesInverse.GetValueOrDefault(rest)),
                "downsamplers" when encoder && j == 0 && rest == "conv" && block < numBlocks - 1 => $"{target}.downsample.conv",
                "upsamplers" when !encoder && j == 0 && rest == "conv" && block < numBlocks - 1 => $"{target}.upsample.conv",
                _ => null,
            };
        }
        if (DiffusersVaeMid().Match(module) is { Success: true } mid)
        {
            var coder = mid.Groups[1].Value;
            var rest = mid.Groups[4].Value;
            return (mid.Groups[2].Value, Int(mid.Groups[3])) switch
            {
                ("resnets", 0) => Prefixed($"{coder}.mid.block_1.", VaeResnetModulesInverse.GetValueOrDefault(rest)),
                ("resnets", 1) => Prefixed($"{coder}.mid.block_2.", VaeResnetModulesInverse.GetValueOrDefault(rest)),
                ("attentions", 0) => Prefixed($"{coder}.mid.attn_1.", VaeAttentionModulesInverse.GetValueOrDefault(rest)),
                _ => null,
            };
        }
        return null;
    }

    // ---------------------------------------------------------------- CLIP text encoder keys

    /// <summary>
    /// Maps one full LDM text encoder key (with <see cref="TextEncoderPrefix"/>) to CLIPTextModel's key; null if unknown.
    /// Accepts both the current layout (<c>...transformer.text_model.encoder...</c>) and the one written by
    /// transformers before 4.x (<c>...transformer.encoder...</c>, no <c>text_model.</c>).
    /// </summary>
    public static string? TextEncoderKeyToDiffusers(string ldmKey)
    {
        if (!ldmKey.StartsWith(TextEncoderPrefix, StringComparison.Ordinal))
            return null;
        var rest = ldmKey[TextEncoderPrefix.Length..];
        if (rest.StartsWith(TextModelPrefix, StringComparison.Ordinal))
            rest = rest[TextModelPrefix.Length..];
        return ClipTextParameter().IsMatch(rest) ? TextModelPrefix + rest : null;
    }

    /// <summary>Maps one CLIPTextModel key to its full LDM key; null if unknown.</summary>
    public static string? TextEncoderKeyToLdm(string key) =>
        key.StartsWith(TextModelPrefix, StringComparison.Ordinal) && ClipTextParameter().IsMatch(key[TextModelPrefix.Length..])
            ? TextEncoderPrefix + key
            : null;

    // ---------------------------------------------------------------- helpers

    private static Func<string, string?> UnetMapper(LdmUnetLayout? layout)
    {
        var l = layout ?? LdmUnetLayout.Sd15;
        l.Validate();
        return key => UnetKeyToDiffusers(key, l);
    }

    private static Func<string, string?> VaeMapper(IEnumerable<string> checkpointKeys)
    {
        int numBlocks = CountBlocks(checkpointKeys, LdmVaeBlockIndex());
        return key => VaeKeyToDiffusers(key, numBlocks);
    }

    private static Dictionary<string, Tensor> ConvertPrefixed(IReadOnlyDictionary<string, Tensor> checkpoint, string prefix,
        Func<string, string?> map, List<string> unexpected)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (key, tensor) in checkpoint)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || IsIgnorable(key))
                continue;
            // A key whose target is already taken (e.g. both CLIP layouts in one file) would be silently overwritten.
            if (map(key) is { } mapped && !result.ContainsKey(mapped))
                result[mapped] = ToDiffusersTensor(mapped, tensor);
            else
                unexpected.Add(key);
        }
        return result;
    }

    private static bool IsIgnorable(string key) =>
        ScheduleBuffers.Contains(key)
        || key.StartsWith(EmaPrefix, StringComparison.Ordinal)
        || key.StartsWith(VaeLossPrefix, StringComparison.Ordinal)
        || key == TextEncoderPrefix + PositionIds
        || key == TextEncoderPrefix + TextModelPrefix + PositionIds;

    private static Tensor ToDiffusersTensor(string diffusersKey, Tensor tensor)
    {
        // diffusers takes [:, :, 0, 0] of LDM's 1x1-conv attention weights (a view, like this reshape).
        if (IsVaeAttentionWeight(diffusersKey) && tensor.ndim > 2)
            return tensor.reshape(tensor.shape[0], tensor.shape[1]);
        return tensor.alias();
    }

    private static Tensor ToLdmTensor(string ldmKey, Tensor tensor)
    {
        if (LdmVaeAttentionWeight().IsMatch(ldmKey) && tensor.ndim == 2)
            return tensor.reshape(tensor.shape[0], tensor.shape[1], 1, 1);
        return tensor.alias();
    }

    private static bool IsVaeAttentionWeight(string diffusersKey) => DiffusersVaeAttentionWeight().IsMatch(diffusersKey);

    private static int CountBlocks(IEnumerable<string> keys, Regex indexPattern)
    {
        int max = -1;
        foreach (var key in keys)
            if (indexPattern.Match(key) is { Success: true } m)
                max = Math.Max(max, Int(m.Groups[1]));
        return max + 1;
    }

    private static bool SplitParameter(string key, out string module, out string param)
    {
        int dot = key.LastIndexOf('.');
        module = dot > 0 ? key[..dot] : "";
        param = dot > 0 ? key[(dot + 1)..] : "";
        return param is "weight" or "bias";
    }

    private static string? Prefixed(string prefix, string? rest) => rest == null ? null : prefix + rest;

    private static int Int(Group g) => int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Invert(Dictionary<string, string> map) => map.ToDictionary(kv => kv.Value, kv => kv.Key);

    private static void ThrowIfUnexpected(string source, List<string> unexpected)
    {
        if (unexpected.Count > 0)
            throw new CheckpointException(
                $"{source} does not look like a Stable Diffusion 1.x checkpoint: unexpected keys {Summarize(unexpected)}.");
    }

    private static void RequireComponent(string source, Dictionary<string, Tensor> component, string what, string prefix)
    {
        if (component.Count == 0)
            throw new CheckpointException(
                $"{source} does not look like a Stable Diffusion 1.x checkpoint: it has no {what} weights (no keys starting with '{prefix}').");
    }

    private static string Summarize(List<string> keys) =>
        string.Join(", ", keys.Take(ReportedKeys)) + (keys.Count > ReportedKeys ? $" and {keys.Count - ReportedKeys} more" : "");

    [GeneratedRegex(@"^(input_blocks|output_blocks)\.(\d+)\.(\d+)\.(.+)$")]
    private static partial Regex LdmBlock();

    [GeneratedRegex(@"^middle_block\.(\d+)\.(.+)$")]
    private static partial Regex LdmMiddleBlock();

    [GeneratedRegex(@"^(down|up)_blocks\.(\d+)\.(resnets|attentions|downsamplers|upsamplers)\.(\d+)\.(.+)$")]
    private static partial Regex DiffusersBlock();

    [GeneratedRegex(@"^mid_block\.(resnets|attentions)\.(\d+)\.(.+)$")]
    private static partial Regex DiffusersMidBlock();

    [GeneratedRegex(@"^(norm|proj_in|proj_out|transformer_blocks\.\d+\.(attn[12]\.(to_q|to_k|to_v|to_out\.0)|ff\.net\.(0\.proj|2)|norm[123]))$")]
    private static partial Regex TransformerModule();

    [GeneratedRegex(@"^(encoder\.down|decoder\.up)\.(\d+)\.(?:block\.(\d+)\.(.+)|(downsample|upsample)\.conv)$")]
    private static partial Regex LdmVaeBlock();

    [GeneratedRegex(@"^first_stage_model\.decoder\.up\.(\d+)\.")]
    private static partial Regex LdmVaeBlockIndex();

    [GeneratedRegex(@"^(encoder|decoder)\.mid\.(block_1|block_2|attn_1)\.(.+)$")]
    private static partial Regex LdmVaeMid();

    [GeneratedRegex(@"^(encoder\.down_blocks|decoder\.up_blocks)\.(\d+)\.(resnets|downsamplers|upsamplers)\.(\d+)\.(.+)$")]
    private static partial Regex DiffusersVaeBlock();

    [GeneratedRegex(@"^decoder\.up_blocks\.(\d+)\.")]
    private static partial Regex DiffusersDecoderUpBlock();

    [GeneratedRegex(@"^(encoder|decoder)\.mid_block\.(resnets|attentions)\.(\d+)\.(.+)$")]
    private static partial Regex DiffusersVaeMid();

    [GeneratedRegex(@"^(encoder|decoder)\.mid_block\.attentions\.0\.(to_q|to_k|to_v|to_out\.0)\.weight$")]
    private static partial Regex DiffusersVaeAttentionWeight();

    [GeneratedRegex(@"^first_stage_model\.(encoder|decoder)\.mid\.attn_1\.(q|k|v|proj_out)\.weight$")]
    private static partial Regex LdmVaeAttentionWeight();

    [GeneratedRegex(@"^(embeddings\.(token_embedding|position_embedding)\.weight|encoder\.layers\.\d+\.(self_attn\.(q_proj|k_proj|v_proj|out_proj)|layer_norm[12]|mlp\.fc[12])\.(weight|bias)|final_layer_norm\.(weight|bias))$")]
    private static partial Regex ClipTextParameter();
}
