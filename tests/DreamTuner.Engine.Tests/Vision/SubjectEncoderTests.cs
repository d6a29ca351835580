using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Vision;

public sealed class SubjectEncoderTests
{
    private const int CrossAttentionDim = 24;

    // The tiny tower has 5 layers, so the paper's index 25 becomes its last layer, 5.
    private static SubjectEncoderConfig TinyConfig { get; } = new()
    {
        LayerIndices = [5, 1, 2, 3, 4],
        ClipHiddenSize = 32,
        CrossAttentionDim = CrossAttentionDim,
        NumResBlocks = 2,
        ResBlockExpansion = 2,
    };

    private static SubjectEncoder CreateEncoder(long seed)
    {
        var encoder = new SubjectEncoder(TinyConfig);
        // Random instead of the identity-initialised ResBlocks, so a round trip that lost them would be noticed.
        TinyClipVision.Randomise(encoder, seed);
        return encoder;
    }

    [Fact]
    public void Defaults_are_the_papers_layer_indices_and_two_res_blocks()
    {
        var config = new SubjectEncoderConfig();
        Assert.Equal([25, 4, 8, 12, 16], config.LayerIndices);
        Assert.Equal(2, config.NumResBlocks);
        Assert.Equal(768, config.CrossAttentionDim);
        config.ValidateAgainst(ClipVisionConfig.OpenClipVitH14);
    }

    [Fact]
    public void Output_is_one_cross_attention_token_per_clip_token()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var clip = TinyClipVision.Create(seed: 20);
        var tokens = CreateEncoder(seed: 21).Encode(clip, TinyClipVision.RandomPixels(22, batch: 3));
        Assert.Equal([3L, TinyClipVision.Tokens, CrossAttentionDim], tokens.shape);
    }

    [Fact]
    public void Features_are_the_chosen_layers_concatenated_in_the_configured_order()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var clip = TinyClipVision.Create(seed: 23);
        var states = clip.forward(TinyClipVision.RandomPixels(24)).HiddenStates;
        var encoder = CreateEncoder(seed: 25);
        var reordered = new SubjectEncoder(TinyConfig with { LayerIndices = [1, 5, 2, 3, 4] });
        // Swapping the first two weight blocks of proj_in must compensate exactly for swapping the two layers.
        var weights = encoder.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
        var projIn = weights["proj_in.weight"];
        weights["proj_in.weight"] = cat([projIn[.., 32..64], projIn[.., 0..32], projIn[.., 64..]], 1);
        StateDict.Load(reordered, weights, "reordered");
        Assert.True(encoder.forward(states).allclose(reordered.forward(states), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void A_layer_index_beyond_the_clip_model_is_named_in_the_error()
    {
        using var scope = NewDisposeScope();
        var encoder = new SubjectEncoder(TinyConfig with { LayerIndices = [25, 4] });
        var clip = TinyClipVision.Create(seed: 26);

        var e = Assert.Throws<CheckpointException>(() => encoder.Encode(clip, TinyClipVision.RandomPixels(27)));
        Assert.Contains("layer index 25 is out of range", e.Message);
        Assert.Contains("0..5", e.Message);
        var direct = Assert.Throws<ArgumentException>(() => encoder.forward(clip.forward(TinyClipVision.RandomPixels(27)).HiddenStates));
        Assert.Contains("layer index 25", direct.Message);
    }

    [Fact]
    public void A_clip_hidden_size_mismatch_names_both_sizes()
    {
        var e = Assert.Throws<CheckpointException>(() =>
            (TinyConfig with { ClipHiddenSize = 1280 }).ValidateAgainst(TinyClipVision.Config));
        Assert.Contains("1280", e.Message);
        Assert.Contains("32", e.Message);
    }

    [Fact]
    public void The_masked_out_background_does_not_change_the_subject_tokens()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var clip = TinyClipVision.Create(seed: 28);
        var encoder = CreateEncoder(seed: 29);
        var preprocessor = ClipImagePreprocessor.For(clip.Config);

        var mask = zeros(2, 1, 48, 48);
        mask[.., .., 12..36, 16..40] = ones(1);
        var subject = rand(2, 3, 48, 48, generator: new Generator(30));
        var otherBackground = rand(2, 3, 48, 48, generator: new Generator(31));
        var image1 = subject;
        var image2 = subject * mask + otherBackground * (1 - mask);
        Assert.False(image1.allclose(image2));

        var tokens1 = encoder.Encode(clip, SubjectEncoder.PrepareReference(image1, mask, preprocessor));
        var tokens2 = encoder.Encode(clip, SubjectEncoder.PrepareReference(image2, mask, preprocessor));
        Assert.True(tokens1.allclose(tokens2, rtol: 0, atol: 0));
    }

    [Fact]
    public void PrepareReference_puts_the_subject_on_white()
    {
        using var scope = NewDisposeScope();
        var preprocessor = new ClipImagePreprocessor(32);
        var prepared = SubjectEncoder.PrepareReference(zeros(1, 3, 32, 32), zeros(1, 1, 32, 32), preprocessor);
        Assert.True(prepared.allclose(preprocessor.Preprocess(ones(1, 3, 32, 32)), rtol: 0, atol: 0));
    }

    [Fact]
    public void Keys_are_prefixed_and_follow_the_documented_layout()
    {
        using var scope = NewDisposeScope();
        var keys = new SubjectEncoder(TinyConfig).PrefixedStateDict().Keys.Order(StringComparer.Ordinal);
        var expected = new List<string>
        {
            "subject_encoder.proj_in.weight", "subject_encoder.proj_in.bias",
            "subject_encoder.norm_out.weight", "subject_encoder.norm_out.bias",
            "subject_encoder.proj_out.weight", "subject_encoder.proj_out.bias",
        };
        for (var i = 0; i < 2; i++)
            foreach (var part in new[] { "norm", "fc1", "fc2" })
            {
                expected.Add($"subject_encoder.res_blocks.{i}.{part}.weight");
                expected.Add($"subject_encoder.res_blocks.{i}.{part}.bias");
            }
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void Save_then_FromFolder_gives_identical_tokens_and_ignores_the_unets_keys_in_the_file()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var dir = TestPaths.NewTempDir();
        try
        {
            var clip = TinyClipVision.Create(seed: 32);
            var encoder = CreateEncoder(seed: 33);
            encoder.Save(dir);
            // The shared file also carries the UNet's subject-encoder attention layers.
            var path = Path.Combine(dir, SubjectEncoder.WeightsFileName);
            var weights = StateDict.Read(path);
            weights["down_blocks.0.attentions.0.transformer_blocks.0.attn_subject.to_k.weight"] = zeros(4, 4);
            StateDict.Write(path, weights);

            var loaded = SubjectEncoder.FromFolder(dir);
            Assert.Equal(TinyConfig.LayerIndices, loaded.Config.LayerIndices);
            Assert.Equal(TinyConfig with { LayerIndices = loaded.Config.LayerIndices }, loaded.Config);
            var pixels = TinyClipVision.RandomPixels(34);
            Assert.True(encoder.Encode(clip, pixels).allclose(loaded.Encode(clip, pixels), rtol: 0, atol: 0));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Loading_a_file_without_subject_encoder_keys_says_so()
    {
        using var scope = NewDisposeScope();
        var encoder = new SubjectEncoder(TinyConfig);
        var e = Assert.Throws<CheckpointException>(() =>
            encoder.LoadPrefixed(new Dictionary<string, Tensor> { ["unet.x"] = zeros(1) }, "weights.safetensors"));
        Assert.Contains("no subject encoder weights", e.Message);
    }

    [Fact]
    public void Only_the_res_blocks_receive_gradients_not_the_frozen_clip_model()
    {
        using var scope = NewDisposeScope();
        var clip = TinyClipVision.Create(seed: 35);
        var encoder = CreateEncoder(seed: 36);
        encoder.Encode(clip, TinyClipVision.RandomPixels(37)).sum().backward();
        Assert.All(encoder.parameters(), p => Assert.NotNull(p.grad));
        Assert.All(clip.parameters(), p => Assert.Null(p.grad));
    }
}
