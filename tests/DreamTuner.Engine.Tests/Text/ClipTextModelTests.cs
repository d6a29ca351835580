using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Text;

public sealed class ClipTextModelTests
{
    private static string TextEncoderDir => Path.Combine(TestPaths.TinySd15, "text_encoder");

    private static readonly Lazy<ClipTextModel> Tiny = new(() => ClipTextModel.FromFolder(TextEncoderDir));

    private static ClipTextOutput RunOnReferenceIds()
    {
        using var _ = no_grad();
        return Tiny.Value.forward(Reference.Input("text_encoder.input_ids"));
    }

    [Fact]
    public void Last_hidden_state_matches_reference()
    {
        using var scope = NewDisposeScope();
        Reference.AssertMatches("text_encoder.last_hidden_state", RunOnReferenceIds().LastHiddenState);
    }

    [Fact]
    public void Pooled_output_matches_reference()
    {
        using var scope = NewDisposeScope();
        Reference.AssertMatches("text_encoder.pooler_output", RunOnReferenceIds().PooledOutput);
    }

    [Fact]
    public void Penultimate_hidden_state_matches_reference()
    {
        using var scope = NewDisposeScope();
        var output = RunOnReferenceIds();
        Assert.Equal(Tiny.Value.Config.NumHiddenLayers + 1, output.HiddenStates.Count);
        Reference.AssertMatches("text_encoder.penultimate_hidden_state", output.PenultimateHiddenState);
    }

    [Fact]
    public void Pooling_at_the_tokenizer_eos_id_equals_legacy_argmax_pooling_for_plain_prompts()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var model = ClipTextModel.FromFolder(TextEncoderDir);
        var ids = Reference.Input("text_encoder.input_ids");
        Assert.Null(model.EosTokenId);
        var legacy = model.forward(ids).PooledOutput;
        model.EosTokenId = 999;
        Assert.True(legacy.allclose(model.forward(ids).PooledOutput, rtol: 0, atol: 0));
    }

    [Fact]
    public void EncodePrompt_with_clip_skip_applies_the_final_norm_to_an_earlier_layer()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ids = Reference.Input("text_encoder.input_ids");
        var output = Tiny.Value.forward(ids);
        Assert.True(Tiny.Value.EncodePrompt(ids).allclose(output.LastHiddenState, rtol: 0, atol: 0));
        var skipped = Tiny.Value.EncodePrompt(ids, clipSkip: 1);
        Assert.Equal(output.LastHiddenState.shape, skipped.shape);
        Assert.False(skipped.allclose(output.LastHiddenState));
        Assert.False(skipped.allclose(output.PenultimateHiddenState));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tiny.Value.EncodePrompt(ids, clipSkip: 5));
    }

    [Fact]
    public void State_dict_keys_equal_the_transformers_checkpoint_keys()
    {
        using var scope = NewDisposeScope();
        var fileKeys = StateDict.Read(Path.Combine(TextEncoderDir, "model.safetensors")).Keys.Order().ToList();
        var model = new ClipTextModel(ClipTextConfig.FromFile(Path.Combine(TextEncoderDir, "config.json")));
        Assert.Equal(fileKeys, model.state_dict().Keys.Order().ToList());
        Assert.Contains("text_model.encoder.layers.4.self_attn.out_proj.bias", fileKeys);
    }

    [Fact]
    public void FromFolder_accepts_position_ids_fp16_weights_and_another_file_name()
    {
        using var scope = NewDisposeScope();
        var dir = TestPaths.NewTempDir();
        try
        {
            File.Copy(Path.Combine(TextEncoderDir, "config.json"), Path.Combine(dir, "config.json"));
            var weights = StateDict.Read(Path.Combine(TextEncoderDir, "model.safetensors"))
                .ToDictionary(kv => kv.Key, kv => kv.Value.to(float16));
            weights[ClipTextModel.PositionIdsKey] = arange(77, dtype: int64).unsqueeze(0);
            StateDict.Write(Path.Combine(dir, "text_encoder.fp16.safetensors"), weights);

            var model = ClipTextModel.FromFolder(dir);
            using var _ = no_grad();
            var output = model.forward(Reference.Input("text_encoder.input_ids"));
            Assert.Equal(float32, output.LastHiddenState.dtype);
            // fp16 weights are only ~1e-3 accurate, so this checks loading, not numerics.
            var expected = Reference.Expected("text_encoder.last_hidden_state");
            Assert.True(output.LastHiddenState.allclose(expected, rtol: 0, atol: 0.05));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromFolder_without_config_names_the_missing_file()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            File.Copy(Path.Combine(TextEncoderDir, "model.safetensors"), Path.Combine(dir, "model.safetensors"));
            var e = Assert.Throws<CheckpointException>(() => ClipTextModel.FromFolder(dir));
            Assert.Contains("config.json", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromFolder_without_weights_names_the_missing_file()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            File.Copy(Path.Combine(TextEncoderDir, "config.json"), Path.Combine(dir, "config.json"));
            var e = Assert.Throws<CheckpointException>(() => ClipTextModel.FromFolder(dir));
            Assert.Contains("model.safetensors", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Loading_a_state_dict_with_a_renamed_key_names_that_key()
    {
        using var scope = NewDisposeScope();
        var weights = StateDict.Read(Path.Combine(TextEncoderDir, "model.safetensors"));
        const string original = "text_model.encoder.layers.2.mlp.fc1.weight";
        const string renamed = "text_model.encoder.layers.2.mlp.fc_1.weight";
        weights[renamed] = weights[original];
        weights.Remove(original);
        var model = new ClipTextModel(ClipTextConfig.FromFile(Path.Combine(TextEncoderDir, "config.json")));

        var e = Assert.Throws<CheckpointException>(() => StateDict.Load(model, weights, "renamed.safetensors"));
        Assert.Contains(original, e.Message);
        Assert.Contains(renamed, e.Message);
    }

    [Fact]
    public void Validate_names_inconsistent_head_count()
    {
        var config = new ClipTextConfig { HiddenSize = 32, NumAttentionHeads = 5 };
        var e = Assert.Throws<CheckpointException>(() => config.Validate());
        Assert.Contains("32", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Throws<CheckpointException>(() => (config with { NumAttentionHeads = 4, HiddenAct = "swish" }).Validate());
    }

    [Fact]
    public void ResizeTokenEmbeddings_keeps_old_rows_so_existing_prompts_encode_unchanged()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var model = ClipTextModel.FromFolder(TextEncoderDir);
        var ids = Reference.Input("text_encoder.input_ids");
        var before = model.forward(ids).LastHiddenState;

        using (NewDisposeScope())
            model.ResizeTokenEmbeddings(1002);

        Assert.Equal(1002, model.VocabSize);
        Assert.Equal(1002, model.Config.VocabSize);
        var table = model.state_dict()["text_model.embeddings.token_embedding.weight"];
        Assert.Equal(new long[] { 1002, 32 }, table.shape);
        Assert.True(table[1001].allclose(table[..1000].mean([0])));
        Assert.True(before.allclose(model.forward(ids).LastHiddenState, rtol: 0, atol: 0));

        var withNewToken = ids.clone();
        withNewToken[0, 1] = tensor(1001L);
        Assert.Equal(new long[] { 5, 77, 32 }, model.forward(withNewToken).LastHiddenState.shape);
        Assert.Contains(model.parameters(), p => p.shape[0] == 1002);
    }
}
