using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Tests.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

public sealed class SelfSubjectAttentionProcessorTests
{
    private const int Side = 4;
    private const int Tokens = Side * Side;

    private static Attention Layer()
    {
        var attn = new Attention(16, null, heads: 2, dimHead: 8);
        TinyClipVision.Randomise(attn, 1);
        attn.Processor = SelfSubjectAttentionProcessor.Instance;
        return attn;
    }

    // Rows: 0 = generated (attends to the reference), 1 = reference.
    private static Tensor Hidden() => randn([2, Tokens, 16], generator: new Generator(2));

    private static AttentionContext Context(Tensor mask, double wRef, out SelfSubjectAttentionBias bias)
    {
        bias = new SelfSubjectAttentionBias(mask, Side, Side, wRef);
        return new AttentionContext().Set(new SelfSubjectAttentionInput(bias, [0], [[1]]));
    }

    [Fact]
    public void All_background_mask_makes_self_subject_attention_equal_plain_self_attention()
    {
        using var scope = NewDisposeScope();
        var attn = Layer();
        var x = Hidden();
        var context = Context(zeros(1, 1, Side, Side), 3.0, out var bias);
        using var _ = bias;
        var subject = attn.Forward(x, null, context);
        var plain = AttnProcessor.Instance.Forward(attn, x, null, null);
        TinyDreamTuner.AssertClose(plain, subject, 1e-6, "all-background S-S-A vs S-A");
    }

    [Fact]
    public void Without_context_the_processor_is_plain_attention()
    {
        using var scope = NewDisposeScope();
        var attn = Layer();
        var x = Hidden();
        Assert.True(attn.Forward(x).eq(AttnProcessor.Instance.Forward(attn, x, null, null)).all().item<bool>());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(2.5)]
    public void W_ref_scales_the_reference_foreground_attention_weights_as_Eq3_says(double wRef)
    {
        using var scope = NewDisposeScope();
        var attn = Layer();
        var x = Hidden();
        // Left half subject, right half background; one soft token.
        var mask = zeros(1, 1, Side, Side);
        mask[.., .., .., ..2] = 1;
        mask[0, 0, 0, 2] = 0.5f;
        var context = Context(mask, wRef, out var bias);
        using var _ = bias;
        var actual = attn.Forward(x, null, context);

        // Direct computation of Eq. 3 for the generated row: Softmax(q [k, k_r]^T / sqrt(d) + log m) [v, v_r].
        var q = attn.SplitHeads(attn.ToQ.call(x));
        var k = attn.SplitHeads(attn.ToK.call(x));
        var v = attn.SplitHeads(attn.ToV.call(x));
        var keys = cat([k[0..1], k[1..2]], 2);
        var values = cat([v[0..1], v[1..2]], 2);
        var m = cat([ones(Tokens), mask.flatten() * wRef]);
        var scores = matmul(q[0..1], keys.transpose(-1, -2)) / Math.Sqrt(attn.DimHead);
        var weights = softmax(scores + m.log(), -1);  // log 0 = -inf: background weights exactly 0
        // The matrix itself: a foreground reference token has w_ref times the weight of a plain exp(score).
        var unnormalised = scores.exp();
        var z = (unnormalised * m).sum(-1, keepdim: true);
        TinyDreamTuner.AssertClose(unnormalised * m / z, weights, 1e-6, "Eq. 3 attention matrix");
        var expected = attn.ProjectOut(attn.MergeHeads(matmul(weights, values)));
        TinyDreamTuner.AssertClose(expected, actual[0..1], 2e-5, "generated row");
        // The reference row keeps plain self-attention (Eq. 2).
        TinyDreamTuner.AssertClose(AttnProcessor.Instance.Forward(attn, x[1..2], null, null), actual[1..2], 1e-6, "reference row");
    }

    [Fact]
    public void Bias_resizes_the_mask_to_each_layer_resolution_by_area()
    {
        var mask = zeros(1, 1, 8, 8);
        mask[.., .., ..4, ..] = 1;
        mask[0, 0, 4, 0] = 1;
        using var bias = new SelfSubjectAttentionBias(mask, 8, 8, 2.0);
        var full = bias.ReferenceLogMask(64, ScalarType.Float32, CPU);
        Assert.Equal(Math.Log(2.0), full[0].item<float>(), 5);
        Assert.Equal(SelfSubjectAttentionBias.BackgroundBias, full[63].item<float>(), 1);
        // 4x4: the token covering rows 4-5, cols 0-1 is a quarter subject.
        var half = bias.ReferenceLogMask(16, ScalarType.Float32, CPU);
        Assert.Equal(Math.Log(2.0 * 0.25), half[8].item<float>(), 5);
        Assert.Equal((3, 3), new SelfSubjectAttentionBias(mask, 5, 5, 1).GridFor(9));
        Assert.Throws<InvalidOperationException>(() => bias.GridFor(10));
    }
}
