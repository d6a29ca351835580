using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Unet;

public class UNet2DConditionModelTests
{
    private static readonly Lazy<UNet2DConditionModel> TinyUnet =
        new(() => UNet2DConditionModel.FromFolder(Path.Combine(TestPaths.TinySd15, "unet")));

    public UNet2DConditionModelTests()
    {
        ReferenceWarmup.Ensure();
        _ = TinyUnet.Value;
    }

    [Fact]
    public void Unet_noise_prediction_matches_diffusers_reference()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var output = TinyUnet.Value.Forward(Reference.Input("unet.sample"), Reference.Input("unet.timesteps"),
            Reference.Input("unet.encoder_hidden_states"));
        Reference.AssertMatches("unet.noise_pred", output);
    }

    [Fact]
    public void Bf16_unet_stays_close_to_the_fp32_reference()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var unet = UNet2DConditionModel.FromFolder(Path.Combine(TestPaths.TinySd15, "unet"), dtype: ScalarType.BFloat16);
        var output = unet.Forward(Reference.Input("unet.sample").to(ScalarType.BFloat16), Reference.Input("unet.timesteps"),
            Reference.Input("unet.encoder_hidden_states").to(ScalarType.BFloat16));
        var expected = Reference.Expected("unet.noise_pred");
        Assert.Equal(ScalarType.BFloat16, output.dtype);
        var relative = (output.to(ScalarType.Float32) - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.InRange(relative, 0.0, 0.1);
    }

    [Fact]
    public void Scalar_timestep_is_broadcast_to_the_batch()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var unet = TinyUnet.Value;
        var sample = Reference.Input("unet.sample");
        var context = Reference.Input("unet.encoder_hidden_states");
        var scalar = unet.Forward(sample, tensor(500L), context);
        var perRow = unet.Forward(sample, tensor(new long[] { 500, 500 }), context);
        Assert.Equal(0.0, (scalar - perRow).abs().max().item<float>());
    }

    [Fact]
    public void From_folder_without_config_json_names_the_missing_file()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var e = Assert.Throws<CheckpointException>(() => UNet2DConditionModel.FromFolder(dir));
            Assert.Contains(Path.Combine(dir, "config.json"), e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Attention_layers_are_listed_under_diffusers_names()
    {
        var names = TinyUnet.Value.AttentionModules.Select(a => a.Name).ToList();
        // 2 down transformers + 1 mid + 3 up, each with attn1 and attn2.
        Assert.Equal(12, names.Count);
        Assert.Contains("down_blocks.0.attentions.0.transformer_blocks.0.attn1", names);
        Assert.Contains("mid_block.attentions.0.transformer_blocks.0.attn2", names);
        Assert.Contains("up_blocks.1.attentions.2.transformer_blocks.0.attn1", names);
        Assert.True(TinyUnet.Value.AttentionModules.Single(a => a.Name.EndsWith("0.attn2")
            && a.Name.StartsWith("mid")).Module.IsCrossAttention);
    }

    [Fact]
    public void Swapped_attention_processor_is_called_by_every_layer_and_can_be_restored()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var config = TinyConfig();
        var unet = new UNet2DConditionModel(config);
        var sample = randn(1, 4, 8, 8);
        var context = randn(1, 7, 16);
        var before = unet.Forward(sample, tensor(3L), context);

        var counting = new CountingProcessor();
        unet.SetAttnProcessor(counting);
        var during = unet.Forward(sample, tensor(3L), context);
        unet.SetAttnProcessor(unet.AttnProcessors.ToDictionary(kv => kv.Key, _ => (IAttentionProcessor)AttnProcessor.Instance));

        Assert.Equal(unet.AttentionModules.Count, counting.Layers.Distinct().Count());
        Assert.Equal(0.0, (before - during).abs().max().item<float>());
        Assert.All(unet.AttnProcessors.Values, p => Assert.Same(AttnProcessor.Instance, p));
    }

    [Fact]
    public void Processor_map_that_misses_layers_is_rejected()
    {
        var unet = new UNet2DConditionModel(TinyConfig());
        var partial = new Dictionary<string, IAttentionProcessor> { ["mid_block.attentions.0.transformer_blocks.0.attn1"] = AttnProcessor.Instance };
        Assert.Throws<ArgumentException>(() => unet.SetAttnProcessor(partial));
    }

    [Fact]
    public void Random_unet_of_another_config_saves_and_loads_back_to_identical_outputs()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var config = new UNetConfig
        {
            BlockOutChannels = [16, 32, 32],
            DownBlockTypes = ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
            UpBlockTypes = ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
            LayersPerBlock = 1,
            NormNumGroups = 4,
            CrossAttentionDim = 24,
            AttentionHeadDim = IntOrList.List(2, 4, 4),
            UseLinearProjection = true,
            SampleSize = 16,
        };
        var dir = TestPaths.NewTempDir();
        try
        {
            manual_seed(1);
            var unet = new UNet2DConditionModel(config);
            unet.Save(dir);
            var loaded = UNet2DConditionModel.FromFolder(dir);

            // diffusers must be able to read the folder too: same key names, per-block values in their original form.
            var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "config.json"))).RootElement;
            Assert.Equal("UNet2DConditionModel", json.GetProperty("_class_name").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Array, json.GetProperty("attention_head_dim").ValueKind);
            Assert.Equal(1, json.GetProperty("layers_per_block").GetInt32());
            Assert.True(json.GetProperty("use_linear_projection").GetBoolean());

            Assert.Equal(config.AttentionHeadDim, loaded.Config.AttentionHeadDim);
            Assert.True(loaded.Config.UseLinearProjection);
            // 12x12 is not divisible by 4: also exercises the explicit upsample sizes.
            var sample = randn(2, 4, 12, 12);
            var context = randn(2, 5, 24);
            var t = tensor(new long[] { 1, 999 });
            var expected = unet.Forward(sample, t, context);
            var actual = loaded.Forward(sample, t, context);
            Assert.Equal(new long[] { 2, 4, 12, 12 }, actual.shape);
            Assert.Equal(0.0, (expected - actual).abs().max().item<float>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Fp16_weights_on_disk_load_into_an_fp32_model()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var dir = TestPaths.NewTempDir();
        try
        {
            var unet = new UNet2DConditionModel(TinyConfig());
            ConfigFile.Write(Path.Combine(dir, "config.json"), unet.Config);
            StateDict.Write(Path.Combine(dir, "diffusion_pytorch_model.safetensors"),
                unet.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float16)));
            var loaded = UNet2DConditionModel.FromFolder(dir);
            var sample = randn(1, 4, 8, 8);
            var context = randn(1, 7, 16);
            var diff = (unet.Forward(sample, tensor(5L), context) - loaded.Forward(sample, tensor(5L), context)).abs().max().item<float>();
            Assert.Equal(ScalarType.Float32, loaded.parameters().First().dtype);
            Assert.InRange(diff, 0.0, 0.05);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Unknown_block_type_does_not_exist()
    {
        var config = TinyConfig() with { DownBlockTypes = ["CrossAttnDownBlock2D", "FancyDownBlock2D"] };
        var e = Assert.Throws<ArgumentException>(() => config.Validate());
        Assert.Contains("FancyDownBlock2D does not exist", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => UNetBlockFactory.CreateUpBlock("FancyUpBlock2D", null!));
        Assert.Contains("FancyUpBlock2D does not exist", e2.Message);
    }

    [Fact]
    public void Validate_names_both_values_when_settings_disagree()
    {
        var config = TinyConfig() with { BlockOutChannels = [16, 32, 32] };
        var e = Assert.Throws<ArgumentException>(() => config.Validate());
        Assert.Contains("block_out_channels has 3", e.Message);
        Assert.Contains("down_block_types has 2", e.Message);

        var heads = TinyConfig() with { AttentionHeadDim = IntOrList.List(2, 4, 8) };
        var e2 = Assert.Throws<ArgumentException>(() => heads.Validate());
        Assert.Contains("attention_head_dim [2, 4, 8] has 3", e2.Message);
    }

    [Fact]
    public void Config_in_a_folder_that_the_model_cannot_use_is_reported_against_the_file()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            ConfigFile.Write(Path.Combine(dir, "config.json"), TinyConfig() with { NormNumGroups = 5 });
            var e = Assert.Throws<CheckpointException>(() => UNet2DConditionModel.FromFolder(dir));
            Assert.Contains("config.json", e.Message);
            Assert.Contains("norm_num_groups 5", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    internal static UNetConfig TinyConfig() => new()
    {
        BlockOutChannels = [8, 16],
        DownBlockTypes = ["CrossAttnDownBlock2D", "DownBlock2D"],
        UpBlockTypes = ["UpBlock2D", "CrossAttnUpBlock2D"],
        LayersPerBlock = 1,
        NormNumGroups = 4,
        CrossAttentionDim = 16,
        AttentionHeadDim = 2,
    };

    private sealed class CountingProcessor : IAttentionProcessor
    {
        public List<Attention> Layers { get; } = [];

        public Tensor Forward(Attention attn, Tensor hiddenStates, Tensor? encoderHiddenStates, AttentionContext? context)
        {
            Layers.Add(attn);
            return AttnProcessor.Instance.Forward(attn, hiddenStates, encoderHiddenStates, context);
        }
    }
}
