using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Vision;

public sealed class ClipVisionModelTests
{
    private static void AssertSame(Tensor expected, Tensor actual, double atol = 0)
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected - actual).abs().max().item<float>();
        Assert.True(diff <= atol, $"max abs diff {diff:G4} exceeds {atol:G3}");
    }

    [Fact]
    public void State_dict_keys_equal_the_transformers_CLIPVisionModelWithProjection_keys()
    {
        using var scope = NewDisposeScope();
        var expected = new List<string>
        {
            "vision_model.embeddings.class_embedding",
            "vision_model.embeddings.patch_embedding.weight",
            "vision_model.embeddings.position_embedding.weight",
            "vision_model.pre_layrnorm.weight",
            "vision_model.pre_layrnorm.bias",
            "vision_model.post_layernorm.weight",
            "vision_model.post_layernorm.bias",
            "visual_projection.weight",
        };
        for (var i = 0; i < 5; i++)
        {
            foreach (var proj in new[] { "q_proj", "k_proj", "v_proj", "out_proj" })
            {
                expected.Add($"vision_model.encoder.layers.{i}.self_attn.{proj}.weight");
                expected.Add($"vision_model.encoder.layers.{i}.self_attn.{proj}.bias");
            }
            foreach (var part in new[] { "layer_norm1", "mlp.fc1", "mlp.fc2", "layer_norm2" })
            {
                expected.Add($"vision_model.encoder.layers.{i}.{part}.weight");
                expected.Add($"vision_model.encoder.layers.{i}.{part}.bias");
            }
        }

        var state = new ClipVisionModel(TinyClipVision.Config).state_dict();
        Assert.Equal(expected.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([32L, 3, 8, 8], state["vision_model.embeddings.patch_embedding.weight"].shape);
        Assert.Equal([17L, 32], state["vision_model.embeddings.position_embedding.weight"].shape);
        Assert.Equal([32L], state["vision_model.embeddings.class_embedding"].shape);
        Assert.Equal([16L, 32], state["visual_projection.weight"].shape);
    }

    [Fact]
    public void Without_projection_the_keys_are_CLIPVisionModel_keys_and_there_are_no_image_embeds()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var model = TinyClipVision.Create(seed: 1, withProjection: false);
        Assert.DoesNotContain(model.state_dict().Keys, k => k.StartsWith("visual_projection"));
        Assert.Null(model.forward(TinyClipVision.RandomPixels(2)).ImageEmbeds);
    }

    [Fact]
    public void Hidden_states_are_the_embeddings_then_every_layer_and_pooled_is_the_post_layernormed_class_token()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var model = TinyClipVision.Create(seed: 3);
        var output = model.forward(TinyClipVision.RandomPixels(4));

        Assert.Equal(TinyClipVision.Config.NumHiddenLayers + 1, output.HiddenStates.Count);
        Assert.All(output.HiddenStates, h => Assert.Equal([2L, TinyClipVision.Tokens, 32], h.shape));
        AssertSame(output.HiddenStates[^1], output.LastHiddenState);
        AssertSame(model.PostLayernorm.forward(output.HiddenStates[^1][.., 0]), output.PooledOutput);
        Assert.Equal([2L, 16], output.ImageEmbeds!.shape);
    }

    [Fact]
    public void Save_then_FromFolder_gives_identical_outputs()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var dir = TestPaths.NewTempDir();
        try
        {
            var model = TinyClipVision.Create(seed: 5);
            model.Save(dir);
            var loaded = ClipVisionModel.FromFolder(dir);

            Assert.Equal(model.Config, loaded.Config);
            Assert.True(loaded.HasProjection);
            var pixels = TinyClipVision.RandomPixels(6);
            var (a, b) = (model.forward(pixels), loaded.forward(pixels));
            for (var i = 0; i < a.HiddenStates.Count; i++)
                AssertSame(a.HiddenStates[i], b.HiddenStates[i]);
            AssertSame(a.PooledOutput, b.PooledOutput);
            AssertSame(a.ImageEmbeds!, b.ImageEmbeds!);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromFolder_reads_a_full_CLIPModel_config_and_checkpoint_and_skips_the_text_tower()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var dir = TestPaths.NewTempDir();
        try
        {
            var model = TinyClipVision.Create(seed: 7, TinyClipVision.Config with { ProjectionDim = 24 });
            // A CLIPModel config: the vision tower is nested, and the top-level projection_dim (24) is the one its
            // visual_projection uses, not the vision_config default.
            File.WriteAllText(Path.Combine(dir, "config.json"), """
                {
                  "architectures": ["CLIPModel"],
                  "model_type": "clip",
                  "projection_dim": 24,
                  "text_config": { "hidden_size": 16, "num_hidden_layers": 1 },
                  "vision_config": {
                    "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 5, "num_attention_heads": 4,
                    "image_size": 32, "patch_size": 8, "hidden_act": "quick_gelu", "layer_norm_eps": 1e-05,
                    "dropout": 0.0, "model_type": "clip_vision_model"
                  }
                }
                """);
            var weights = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
            weights["text_model.final_layer_norm.weight"] = ones(16);
            weights["text_projection.weight"] = zeros(24, 16);
            weights["logit_scale"] = tensor(2.6592f);
            weights[ClipVisionModel.PositionIdsKey] = arange(17, dtype: int64).unsqueeze(0);
            StateDict.Write(Path.Combine(dir, "clip.safetensors"), weights);

            var loaded = ClipVisionModel.FromFolder(dir);
            Assert.Equal(24, loaded.Config.ProjectionDim);
            var pixels = TinyClipVision.RandomPixels(8);
            AssertSame(model.forward(pixels).ImageEmbeds!, loaded.forward(pixels).ImageEmbeds!);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromFolder_with_a_foreign_key_names_it()
    {
        using var scope = NewDisposeScope();
        var dir = TestPaths.NewTempDir();
        try
        {
            var model = TinyClipVision.Create(seed: 9);
            model.Save(dir);
            var weights = StateDict.Read(Path.Combine(dir, ClipVisionModel.WeightsFileName));
            weights["vision_model.extra.weight"] = zeros(1);
            StateDict.Write(Path.Combine(dir, ClipVisionModel.WeightsFileName), weights);

            var e = Assert.Throws<CheckpointException>(() => ClipVisionModel.FromFolder(dir));
            Assert.Contains("vision_model.extra.weight", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Pixels_of_another_size_are_rejected_with_the_expected_shape()
    {
        using var scope = NewDisposeScope();
        var model = TinyClipVision.Create(seed: 10);
        var e = Assert.Throws<ArgumentException>(() => model.forward(TinyClipVision.RandomPixels(1, size: 40)));
        Assert.Contains("32, 32", e.Message);
    }

    [Fact]
    public void Config_validation_names_the_disagreeing_values()
    {
        var e = Assert.Throws<CheckpointException>(() =>
            new ClipVisionModel(TinyClipVision.Config with { NumAttentionHeads = 5 }));
        Assert.Contains("hidden_size 32 is not divisible by num_attention_heads 5", e.Message);
    }
}
