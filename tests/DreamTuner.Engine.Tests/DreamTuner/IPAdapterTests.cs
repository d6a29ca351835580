using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.DreamTuner.IPAdapter;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

public sealed class IPAdapterTests
{
    /// <summary>
    /// A random file in exactly ip-adapter_sd15.safetensors' layout, for the tiny UNet. Its six cross-attention layers
    /// in diffusers' attn_processors order are down_blocks.0 (x2, 32 wide), up_blocks.1 (x3, 32 wide), mid_block
    /// (64 wide), numbered 1, 3, 5, ... (even numbers are the self-attention layers).
    /// </summary>
    private static string WriteRandomIPAdapterFile(string dir, int clipEmbeddingDim)
    {
        var g = new Generator(8);
        var tensors = new Dictionary<string, Tensor>
        {
            ["image_proj.proj.weight"] = randn([4 * 32, clipEmbeddingDim], generator: g) * 0.2,
            ["image_proj.proj.bias"] = randn([4 * 32], generator: g) * 0.2,
            ["image_proj.norm.weight"] = 1 + randn([32], generator: g) * 0.1,
            ["image_proj.norm.bias"] = randn([32], generator: g) * 0.1,
        };
        int[] inner = [32, 32, 32, 32, 32, 64];
        for (int i = 0; i < inner.Length; i++)
        {
            tensors[$"ip_adapter.{2 * i + 1}.to_k_ip.weight"] = randn([inner[i], 32], generator: g) * 0.2;
            tensors[$"ip_adapter.{2 * i + 1}.to_v_ip.weight"] = randn([inner[i], 32], generator: g) * 0.2;
        }
        var path = Path.Combine(dir, "ip-adapter_sd15.safetensors");
        StateDict.Write(path, tensors);
        return path;
    }

    [Fact]
    public void Cross_attention_layers_follow_diffusers_attn_processor_order()
    {
        using var model = TinyDreamTuner.Load();
        Assert.Equal(
            [
                "down_blocks.0.attentions.0.transformer_blocks.0.attn2", "down_blocks.0.attentions.1.transformer_blocks.0.attn2",
                "up_blocks.1.attentions.0.transformer_blocks.0.attn2", "up_blocks.1.attentions.1.transformer_blocks.0.attn2",
                "up_blocks.1.attentions.2.transformer_blocks.0.attn2", "mid_block.attentions.0.transformer_blocks.0.attn2",
            ],
            IPAdapterModel.CrossAttentionLayers(model.Unet).Select(l => l.Name));
    }

    [Fact]
    public void Beta_zero_with_ip_adapter_installed_equals_the_base_model()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var model = TinyDreamTuner.Load();
            using var adapter = IPAdapterModel.FromFile(WriteRandomIPAdapterFile(dir, TinyClipVision.Config.ProjectionDim), model.Unet);
            Assert.Contains("ip_adapter.11.to_v_ip.weight", adapter.state_dict().Keys);
            using var identity = new IPAdapterIdentity(adapter, TinyClipVision.Create(1));
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var g = new Generator(21);
            var sample = randn([2, 4, 16, 16], generator: g);
            var text = randn([2, 77, 32], generator: g);
            var t = tensor(500L);
            var baseline = model.Unet.Forward(sample, t, text);
            var tokens = identity.EncodeReferences(rand([1, 3, 40, 40]), ones(1, 1, 40, 40));
            Assert.Equal(new long[] { 1, 4, 32 }, tokens.shape);
            using (identity.Activate(model.Unet))
            {
                Tensor Run(float beta)
                {
                    var context = new AttentionContext();
                    identity.AddTo(context, tokens.expand(2, -1, -1), full([2, 1, 1], beta));
                    return model.Unet.Forward(sample, t, text, attentionContext: context);
                }
                Assert.True(baseline.eq(Run(0)).all().item<bool>(), "beta = 0 must give exactly the base output");
                Assert.False(baseline.allclose(Run(0.5f)), "beta != 0 must change the output");
            }
            Assert.All(model.Unet.AttnProcessors.Values, p => Assert.IsType<AttnProcessor>(p));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Ip_adapter_generation_runs_through_the_pipeline()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var model = TinyDreamTuner.Load();
            var pipeline = new DreamTunerPipeline(model)
            {
                IPAdapter = new IPAdapterIdentity(
                    IPAdapterModel.FromFile(WriteRandomIPAdapterFile(dir, TinyClipVision.Config.ProjectionDim), model.Unet),
                    TinyClipVision.Create(1)),
            };
            var request = new DreamTunerRequest
            {
                Base = TinyDreamTuner.Base(),
                References = [TinyDreamTuner.Reference(mask: TinyDreamTuner.CentreMask())],
                CoarseIdentity = CoarseIdentityKind.IPAdapter,
            };
            using var none = pipeline.Generate(request with { CoarseIdentity = CoarseIdentityKind.None });
            using var zero = pipeline.Generate(request with { Beta = 0 });
            using var some = pipeline.Generate(request);
            Assert.True(none.Output.Latents.eq(zero.Output.Latents).all().item<bool>());
            Assert.False(none.Output.Latents.allclose(some.Output.Latents));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Ip_adapter_file_for_another_cross_attention_width_is_a_one_line_checkpoint_error()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "ip.safetensors");
            StateDict.Write(path, new Dictionary<string, Tensor>
            {
                ["image_proj.proj.weight"] = zeros(4 * 768, 1024), ["image_proj.proj.bias"] = zeros(4 * 768),
                ["image_proj.norm.weight"] = ones(768), ["image_proj.norm.bias"] = zeros(768),
            });
            using var model = TinyDreamTuner.Load();
            var e = Assert.Throws<CheckpointException>(() => IPAdapterModel.FromFile(path, model.Unet));
            Assert.DoesNotContain('\n', e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
