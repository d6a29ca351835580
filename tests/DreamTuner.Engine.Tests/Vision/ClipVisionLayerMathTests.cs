using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Vision;

/// <summary>
/// An independent check of the vision tower: a one-layer model recomputed with plain tensor ops from its own weights
/// (patchify by reshape, LayerNorm by mean/variance, softmax(QK^T/sqrt(d))V, quick_gelu MLP).
/// </summary>
public sealed class ClipVisionLayerMathTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void One_layer_model_matches_the_attention_and_mlp_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var config = TinyClipVision.Config with { NumHiddenLayers = 1 };
        var model = TinyClipVision.Create(seed: 11, config);
        var weights = model.state_dict();
        Tensor W(string key) => weights[key];
        const int batch = 2, side = 4, patch = 8, hidden = 32, heads = 4, headDim = 8, tokens = 17;

        var pixels = TinyClipVision.RandomPixels(12, batch);
        var patches = pixels.view(batch, 3, side, patch, side, patch).permute(0, 2, 4, 1, 3, 5)
            .reshape(batch, side * side, 3 * patch * patch);
        var patchEmbeds = patches.matmul(W("vision_model.embeddings.patch_embedding.weight").reshape(hidden, -1).t());
        var cls = W("vision_model.embeddings.class_embedding").view(1, 1, hidden).expand(batch, 1, hidden);
        var embeddings = cat([cls, patchEmbeds], 1) + W("vision_model.embeddings.position_embedding.weight").unsqueeze(0);

        Tensor LayerNorm(Tensor x, string prefix)
        {
            var mean = x.mean([-1], keepdim: true);
            var variance = (x - mean).pow(2).mean([-1], keepdim: true);
            return (x - mean) / sqrt(variance + 1e-5) * W(prefix + ".weight") + W(prefix + ".bias");
        }
        Tensor Linear(Tensor x, string prefix) => x.matmul(W(prefix + ".weight").t()) + W(prefix + ".bias");
        Tensor Heads(Tensor x) => x.view(batch, tokens, heads, headDim).permute(0, 2, 1, 3);

        var h0 = LayerNorm(embeddings, "vision_model.pre_layrnorm");
        const string layer = "vision_model.encoder.layers.0.";
        var normed = LayerNorm(h0, layer + "layer_norm1");
        var q = Heads(Linear(normed, layer + "self_attn.q_proj"));
        var k = Heads(Linear(normed, layer + "self_attn.k_proj"));
        var v = Heads(Linear(normed, layer + "self_attn.v_proj"));
        // No mask: every patch attends to every patch, unlike the causal text tower.
        var attended = softmax(q.matmul(k.transpose(-1, -2)) / Math.Sqrt(headDim), -1).matmul(v);
        var afterAttention = h0 + Linear(attended.permute(0, 2, 1, 3).reshape(batch, tokens, hidden), layer + "self_attn.out_proj");
        var fc1 = Linear(LayerNorm(afterAttention, layer + "layer_norm2"), layer + "mlp.fc1");
        var h1 = afterAttention + Linear(fc1 * sigmoid(1.702 * fc1), layer + "mlp.fc2");
        var pooled = LayerNorm(h1[.., 0], "vision_model.post_layernorm");
        var imageEmbeds = pooled.matmul(W("visual_projection.weight").t());

        var output = model.forward(pixels);
        AssertClose(h0, output.HiddenStates[0]);
        AssertClose(h1, output.HiddenStates[1]);
        AssertClose(h1, output.LastHiddenState);
        AssertClose(pooled, output.PooledOutput);
        AssertClose(imageEmbeds, output.ImageEmbeds!);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected - actual).abs().max().item<float>();
        Assert.True(diff <= Tolerance, $"max abs diff {diff:G4} exceeds {Tolerance:G3}");
    }
}
