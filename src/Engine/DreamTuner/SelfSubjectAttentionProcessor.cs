using DreamTuner.Engine.Nn;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner;

/// <summary>
/// Self-subject-attention (DreamTuner section 3.2, Eq. 3) for a self-attention layer (<c>attn1</c>):
/// <c>S-S-A(z, z_r) = Softmax(q [k, k_r]^T / sqrt(d) + log m) [v, v_r]</c>, <c>m = [J, w_ref * m_r]</c>.
/// The queries of a generated row attend to its own keys/values concatenated with those of its reference rows, which
/// are computed in the same batched call from the noised reference latent; reference rows themselves (and rows not
/// listed in <see cref="SelfSubjectAttentionInput"/>) get plain self-attention (Eq. 2). Without that context feature
/// the layer behaves exactly as <see cref="AttnProcessor"/>.
/// </summary>
public sealed class SelfSubjectAttentionProcessor : IAttentionProcessor
{
    public static SelfSubjectAttentionProcessor Instance { get; } = new();

    public Tensor Forward(Attention attn, Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context)
    {
        var input = context?.Get<SelfSubjectAttentionInput>();
        if (input is null || input.Rows.Count == 0 || encoderHiddenStates is not null || hiddenStates.dim() != 3
            || attn.GroupNorm is not null || attn.ResidualConnection)
            return AttnProcessor.Instance.Forward(attn, hiddenStates, encoderHiddenStates, context);

        using var scope = NewDisposeScope();
        long batch = hiddenStates.shape[0], tokens = hiddenStates.shape[1];
        input.Validate(batch);
        var device = hiddenStates.device;
        var q = attn.SplitHeads(attn.Q(hiddenStates));
        var k = attn.SplitHeads(attn.K(hiddenStates));
        var v = attn.SplitHeads(attn.V(hiddenStates));

        int m = input.Rows.Count;
        var rows = tensor(input.Rows.Select(r => (long)r).ToArray(), device: device);
        Tensor Generated(Tensor x) => input.RowsArePrefix ? x.narrow(0, 0, m) : x.index_select(0, rows);
        var layer = input.Bias.KeysFor(tokens, q.dtype, device);
        var keys = new List<Tensor> { Generated(k) };
        var values = new List<Tensor> { Generated(v) };
        for (int j = 0; j < input.Bias.ReferenceCount; j++)
        {
            var refRows = tensor(input.ReferenceRows.Select(r => (long)r[j]).ToArray(), device: device);
            // Only the reference tokens that can receive attention (see SelfSubjectAttentionBias.KeysFor).
            Tensor Kept(Tensor x) => layer.KeptTokens[j] is { } kept ? x.index_select(0, refRows).index_select(2, kept) : x.index_select(0, refRows);
            keys.Add(Kept(k));
            values.Add(Kept(v));
        }
        // Eq. 3's bias: 0 (log J) on the row's own tokens, log(w_ref * m_r) on each reference's kept tokens, broadcast.
        var subject = nn.functional.scaled_dot_product_attention(Generated(q), cat(keys, 2), cat(values, 2), layer.KeyBias);

        Tensor output;
        if (input.RowsArePrefix)
        {
            // Rows after the generated ones (reference rows, reference-free guidance rows) attend to themselves only.
            output = m == batch ? subject : cat([subject, nn.functional.scaled_dot_product_attention(
                q.narrow(0, m, batch - m), k.narrow(0, m, batch - m), v.narrow(0, m, batch - m))], 0);
        }
        else
        {
            output = zeros_like(q);
            output.index_copy_(0, rows, subject);
            var plainRows = Enumerable.Range(0, (int)batch).Except(input.Rows).Select(r => (long)r).ToArray();
            if (plainRows.Length > 0)
            {
                var plain = tensor(plainRows, device: device);
                output.index_copy_(0, plain, nn.functional.scaled_dot_product_attention(
                    q.index_select(0, plain), k.index_select(0, plain), v.index_select(0, plain)));
            }
        }
        var result = attn.ProjectOut(attn.MergeHeads(output));
        if (attn.RescaleOutputFactor != 1.0)
            result = result / attn.RescaleOutputFactor;
        return result.MoveToOuterDisposeScope();
    }
}
