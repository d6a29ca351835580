using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// Renames the VAE attention keys of older diffusers files (<c>query</c>, <c>key</c>, <c>value</c>, <c>proj_attn</c>)
/// to today's <c>to_q</c>, <c>to_k</c>, <c>to_v</c>, <c>to_out.0</c>, and flattens 1x1-conv-shaped projection weights
/// [C, C, 1, 1] (as LDM checkpoints store them) to linear [C, C]. Pure: the input is not modified; unchanged tensors
/// are passed through as the same objects.
/// </summary>
public static partial class VaeLegacyKeys
{
    public static readonly IReadOnlyDictionary<string, string> Renames = new Dictionary<string, string>
    {
        ["query"] = "to_q",
        ["key"] = "to_k",
        ["value"] = "to_v",
        ["proj_attn"] = "to_out.0",
    };

    [GeneratedRegex(@"^(?<prefix>.*\.attentions\.\d+)\.(?<name>query|key|value|proj_attn|to_q|to_k|to_v|to_out\.0)\.(?<kind>weight|bias)$")]
    private static partial Regex AttentionKey();

    public static Dictionary<string, Tensor> Convert(IReadOnlyDictionary<string, Tensor> weights)
    {
        var result = new Dictionary<string, Tensor>(weights.Count);
        foreach (var (key, tensor) in weights)
        {
            var m = AttentionKey().Match(key);
            if (!m.Success)
            {
                result[key] = tensor;
                continue;
            }
            var name = m.Groups["name"].Value;
            var newKey = $"{m.Groups["prefix"].Value}.{Renames.GetValueOrDefault(name, name)}.{m.Groups["kind"].Value}";
            var isConvShaped = tensor.dim() == 4 && tensor.shape[2] == 1 && tensor.shape[3] == 1;
            result[newKey] = isConvShaped ? tensor.reshape(tensor.shape[0], tensor.shape[1]) : tensor;
        }
        return result;
    }
}
