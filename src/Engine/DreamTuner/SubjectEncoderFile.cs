using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vision;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// The one <c>.safetensors</c> file of a trained subject-encoder: the ResBlocks under <c>subject_encoder.</c>
/// (see <see cref="SubjectEncoder"/>) and every S-E-A layer under <c>unet.</c> + its transformer block's diffusers
/// name, e.g. <c>unet.down_blocks.0.attentions.0.transformer_blocks.0.attn_se.to_q.weight</c>, <c>...attn_se.to_k.weight</c>,
/// <c>...attn_se.to_v.weight</c>, <c>...attn_se.to_out.0.weight</c>/<c>.bias</c>, and its LayerNorm
/// <c>...norm_se.weight</c>/<c>.bias</c>. The <see cref="SubjectEncoderConfig"/> (CLIP layers, ResBlock shape) is
/// <see cref="SubjectEncoderConfig.FileName"/> in the same folder. Loads on top of any SD 1.x UNet of the width the
/// file was trained for.
/// </summary>
public static class SubjectEncoderFile
{
    public const string UnetPrefix = "unet.";

    public static IReadOnlyList<(string Name, BasicTransformerBlock Block)> TransformerBlocks(UNet2DConditionModel unet) =>
        unet.named_modules().Where(m => m.module is BasicTransformerBlock)
            .Select(m => (m.name, (BasicTransformerBlock)m.module)).ToList();

    /// <summary>
    /// Writes the encoder and the UNet's installed S-E-A layers to <paramref name="path"/> (+ config beside it), in
    /// <paramref name="dtype"/> when given (loading casts to the model's dtype).
    /// </summary>
    public static void Save(string path, SubjectEncoder encoder, UNet2DConditionModel unet, ScalarType? dtype = null)
    {
        using var scope = NewDisposeScope();
        var tensors = encoder.PrefixedStateDict();
        foreach (var (name, block) in TransformerBlocks(unet))
        {
            if (block.SubjectAttention is null)
                throw new InvalidOperationException($"transformer block {name} has no subject-encoder attention installed.");
            foreach (var (key, t) in block.SubjectAttention.state_dict()) tensors[$"{UnetPrefix}{name}.attn_se.{key}"] = t;
            foreach (var (key, t) in block.SubjectAttentionNorm!.state_dict()) tensors[$"{UnetPrefix}{name}.norm_se.{key}"] = t;
        }
        StateDict.Write(path, dtype is { } type ? tensors.ToDictionary(kv => kv.Key, kv => kv.Value.to(type)) : tensors);
        encoder.Config.Save(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SubjectEncoderConfig.FileName));
    }

    /// <summary>
    /// Reads <paramref name="path"/>, checks it was made for <paramref name="unet"/>'s widths (one-line
    /// <see cref="CheckpointException"/> otherwise), installs the S-E-A layers into every transformer block and
    /// loads them, and returns the encoder with <paramref name="clip"/>.
    /// </summary>
    public static SubjectEncoderIdentity Load(string path, UNet2DConditionModel unet, ClipVisionModel clip)
    {
        var configPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, SubjectEncoderConfig.FileName);
        if (!File.Exists(configPath))
            throw new CheckpointException($"{path}: the subject encoder config {SubjectEncoderConfig.FileName} must sit next to it.");
        var config = SubjectEncoderConfig.FromFile(configPath).ValidateAgainst(clip.Config);
        var weights = StateDict.Read(path);
        try
        {
            var blocks = TransformerBlocks(unet);
            int crossDim = unet.Config.CrossAttentionDim.Values[0];
            if (config.CrossAttentionDim != crossDim)
                throw new CheckpointException(
                    $"{path} was made for a UNet with cross_attention_dim {config.CrossAttentionDim}, this model has {crossDim}.");
            CheckWidths(path, weights, blocks, crossDim);

            var encoder = new SubjectEncoder(config);
            encoder.LoadPrefixed(weights, path);
            var used = new HashSet<string>(weights.Keys.Where(k => k.StartsWith(SubjectEncoder.KeyPrefix, StringComparison.Ordinal)));
            foreach (var (name, block) in blocks)
            {
                block.InstallSubjectAttention(crossDim);
                LoadPart(block.SubjectAttention!, weights, $"{UnetPrefix}{name}.attn_se.", path, used);
                LoadPart(block.SubjectAttentionNorm!, weights, $"{UnetPrefix}{name}.norm_se.", path, used);
            }
            var unexpected = weights.Keys.Where(k => !used.Contains(k)).ToList();
            if (unexpected.Count > 0)
                throw new CheckpointException(
                    $"{path} has {unexpected.Count} keys this UNet has no layer for, e.g. {unexpected[0]} (a file for another UNet layout?)");
            var device = unet.parameters().First().device;
            encoder.to(unet.parameters().First().dtype).to(device);
            return new SubjectEncoderIdentity(encoder, clip);
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    private static void CheckWidths(string path, IReadOnlyDictionary<string, Tensor> weights,
        IReadOnlyList<(string Name, BasicTransformerBlock Block)> blocks, int crossDim)
    {
        foreach (var (name, block) in blocks)
        {
            var key = $"{UnetPrefix}{name}.attn_se.to_q.weight";
            long inner = (long)block.Attn2.Heads * block.Attn2.DimHead;
            long dim = block.Attn2.ToQ.weight!.shape[1];
            if (!weights.TryGetValue(key, out var q))
                throw new CheckpointException($"{path} has no subject-encoder attention for {name} (missing {key}); it was made for another UNet layout.");
            if (q.shape[0] != inner || q.shape[1] != dim)
                throw new CheckpointException(
                    $"{path} was made for another UNet width: {name}.attn_se.to_q is [{q.shape[0]}, {q.shape[1]}] in the file but this model needs [{inner}, {dim}].");
            var k = weights.GetValueOrDefault($"{UnetPrefix}{name}.attn_se.to_k.weight");
            if (k is not null && k.shape[1] != crossDim)
                throw new CheckpointException(
                    $"{path} was made for cross_attention_dim {k.shape[1]}, this model has {crossDim}.");
        }
    }

    private static void LoadPart(nn.Module module, IReadOnlyDictionary<string, Tensor> weights, string prefix, string path, HashSet<string> used)
    {
        var part = weights.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        StateDict.Load(module, part, $"{path} ({prefix}*)");
        foreach (var k in part.Keys) used.Add(prefix + k);
    }
}
