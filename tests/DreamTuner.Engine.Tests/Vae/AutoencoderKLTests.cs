using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;
using DreamTuner.Engine.Vae;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Vae;

public class AutoencoderKLTests
{
    private static readonly string VaeDir = Path.Combine(TestPaths.TinySd15, "vae");
    private static readonly Lazy<AutoencoderKL> TinyVae = new(() => AutoencoderKL.FromFolder(VaeDir));

    public AutoencoderKLTests()
    {
        ReferenceWarmup.Ensure();
        _ = TinyVae.Value;
    }

    [Fact]
    public void Encoded_latent_mean_and_std_match_diffusers_reference()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var dist = TinyVae.Value.Encode(Reference.Input("vae.encode.image"));
        Reference.AssertMatches("vae.encode.latent_mean", dist.Mean);
        Reference.AssertMatches("vae.encode.latent_std", dist.Std);
    }

    [Fact]
    public void Decoded_image_matches_diffusers_reference()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var image = TinyVae.Value.Decode(Reference.Input("vae.decode.latent"));
        Reference.AssertMatches("vae.decode.image", image);
    }

    [Fact]
    public void Scaling_factor_and_vae_scale_factor_come_from_the_config()
    {
        Assert.Equal(0.18215, TinyVae.Value.ScalingFactor);
        Assert.Equal(2, TinyVae.Value.VaeScaleFactor);
        var sd15Shaped = new AutoencoderKLConfig
        {
            BlockOutChannels = [8, 8, 8, 8],
            DownBlockTypes = Enumerable.Repeat("DownEncoderBlock2D", 4).ToArray(),
            UpBlockTypes = Enumerable.Repeat("UpDecoderBlock2D", 4).ToArray(),
            NormNumGroups = 4,
            ScalingFactor = 0.13025,
        };
        using var vae = new AutoencoderKL(sd15Shaped);
        Assert.Equal(8, vae.VaeScaleFactor);
        Assert.Equal(0.13025, vae.ScalingFactor);
    }

    [Fact]
    public void Sampling_with_the_same_seed_is_reproducible_and_centred_on_the_mean()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var dist = TinyVae.Value.Encode(Reference.Input("vae.encode.image"));
        var a = dist.Sample(new Generator(42));
        var b = dist.Sample(new Generator(42));
        Assert.Equal(0.0, (a - b).abs().max().item<float>());
        var z = ((a - dist.Mean) / dist.Std);
        Assert.InRange(z.mean().item<float>(), -0.2, 0.2);
        Assert.InRange(z.std().item<float>(), 0.8, 1.2);
    }

    [Fact]
    public void Vae_file_with_legacy_attention_names_loads_and_decodes_identically()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var dir = TestPaths.NewTempDir();
        try
        {
            File.Copy(Path.Combine(VaeDir, "config.json"), Path.Combine(dir, "config.json"));
            var modern = StateDict.Read(Path.Combine(VaeDir, "diffusion_pytorch_model.safetensors"));
            var legacy = new Dictionary<string, Tensor>();
            foreach (var (key, t) in modern)
            {
                var k = key.Replace(".to_q.", ".query.").Replace(".to_k.", ".key.").Replace(".to_v.", ".value.")
                    .Replace(".to_out.0.", ".proj_attn.");
                // Some converted LDM files keep the 1x1-conv shape of the projections.
                legacy[k] = k != key && t.dim() == 2 && k.Contains(".query.") ? t.reshape(t.shape[0], t.shape[1], 1, 1) : t;
            }
            Assert.Contains(legacy.Keys, k => k.EndsWith("mid_block.attentions.0.proj_attn.weight"));
            StateDict.Write(Path.Combine(dir, "diffusion_pytorch_model.safetensors"), legacy);

            var vae = AutoencoderKL.FromFolder(dir);
            var latent = Reference.Input("vae.decode.latent");
            var diff = (vae.Decode(latent) - TinyVae.Value.Decode(latent)).abs().max().item<float>();
            Assert.Equal(0.0, diff);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Legacy_key_conversion_renames_and_flattens_only_attention_projections()
    {
        using var scope = NewDisposeScope();
        var input = new Dictionary<string, Tensor>
        {
            ["decoder.mid_block.attentions.0.query.weight"] = zeros(4, 4, 1, 1),
            ["decoder.mid_block.attentions.0.proj_attn.bias"] = zeros(4),
            ["decoder.mid_block.attentions.0.group_norm.weight"] = zeros(4),
            ["decoder.conv_in.weight"] = zeros(4, 4, 1, 1),
        };
        var output = VaeLegacyKeys.Convert(input);
        Assert.Equal(new long[] { 4, 4 }, output["decoder.mid_block.attentions.0.to_q.weight"].shape);
        Assert.True(output.ContainsKey("decoder.mid_block.attentions.0.to_out.0.bias"));
        Assert.Same(input["decoder.mid_block.attentions.0.group_norm.weight"], output["decoder.mid_block.attentions.0.group_norm.weight"]);
        Assert.Equal(new long[] { 4, 4, 1, 1 }, output["decoder.conv_in.weight"].shape);
        Assert.Equal(4, output.Count);
    }

    [Fact]
    public void Random_vae_saves_and_loads_back_to_identical_outputs()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var config = new AutoencoderKLConfig
        {
            BlockOutChannels = [8, 16, 16],
            DownBlockTypes = ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
            UpBlockTypes = ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"],
            NormNumGroups = 4,
            LayersPerBlock = 1,
        };
        var dir = TestPaths.NewTempDir();
        try
        {
            var vae = new AutoencoderKL(config);
            vae.Save(dir);
            var loaded = AutoencoderKL.FromFolder(dir);
            var image = rand(1, 3, 16, 16) * 2 - 1;
            using var d1 = vae.Encode(image);
            using var d2 = loaded.Encode(image);
            Assert.Equal(new long[] { 1, 4, 4, 4 }, d2.Mean.shape);
            Assert.Equal(0.0, (d1.Mean - d2.Mean).abs().max().item<float>());
            Assert.Equal(0.0, (vae.Decode(d1.Mean) - loaded.Decode(d2.Mean)).abs().max().item<float>());
            Assert.Equal(4, loaded.VaeScaleFactor);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Vae_folder_without_config_json_names_the_missing_file()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var e = Assert.Throws<CheckpointException>(() => AutoencoderKL.FromFolder(dir));
            Assert.Contains(Path.Combine(dir, "config.json"), e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
