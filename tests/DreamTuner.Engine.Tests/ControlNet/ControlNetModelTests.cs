using DreamTuner.Engine.ControlNet;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;
using DreamTuner.Engine.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.ControlNet;

public class ControlNetModelTests
{
    private static readonly Lazy<ControlNetModel> TinyControlNet =
        new(() => ControlNetModel.FromFolder(Path.Combine(TestPaths.TinySd15, "controlnet")));
    private static readonly Lazy<UNet2DConditionModel> TinyUnet =
        new(() => UNet2DConditionModel.FromFolder(Path.Combine(TestPaths.TinySd15, "unet")));

    public ControlNetModelTests()
    {
        ReferenceWarmup.Ensure();
        _ = TinyControlNet.Value;
        _ = TinyUnet.Value;
    }

    private static (IReadOnlyList<Tensor> Down, Tensor Mid) RunReference(ControlNetModel controlNet, double scale = 1.0) =>
        controlNet.Forward(Reference.Input("unet.sample"), Reference.Input("unet.timesteps"),
            Reference.Input("unet.encoder_hidden_states"), Reference.Input("controlnet.cond"), scale);

    [Fact]
    public void ControlNet_residuals_match_diffusers_reference()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (down, mid) = RunReference(TinyControlNet.Value);
        Assert.Equal(6, down.Count);
        for (int i = 0; i < down.Count; i++)
            Reference.AssertMatches($"controlnet.down_block_res_samples.{i}", down[i]);
        Reference.AssertMatches("controlnet.mid_block_res_sample", mid);
    }

    [Fact]
    public void Unet_with_controlnet_residuals_matches_diffusers_reference()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (down, mid) = RunReference(TinyControlNet.Value);
        var output = TinyUnet.Value.Forward(Reference.Input("unet.sample"), Reference.Input("unet.timesteps"),
            Reference.Input("unet.encoder_hidden_states"), down, mid);
        Reference.AssertMatches("controlnet.unet_noise_pred", output);
    }

    [Fact]
    public void Conditioning_scale_multiplies_every_residual()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var (full, fullMid) = RunReference(TinyControlNet.Value);
        var (half, halfMid) = RunReference(TinyControlNet.Value, 0.5);
        for (int i = 0; i < full.Count; i++)
            Assert.True(allclose(half[i] * 2, full[i], rtol: 1e-6, atol: 1e-6));
        Assert.True(allclose(halfMid * 2, fullMid, rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void ControlNet_made_from_a_unet_copies_its_encoder_and_starts_as_a_no_op()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var unet = TinyUnet.Value;
        var controlNet = ControlNetModel.FromUNet(unet, [16, 32]);
        var unetWeights = unet.state_dict();
        var copied = controlNet.state_dict()["down_blocks.0.attentions.0.proj_in.weight"];
        Assert.Equal(0.0, (copied - unetWeights["down_blocks.0.attentions.0.proj_in.weight"]).abs().max().item<float>());

        var (down, mid) = RunReference(controlNet);
        Assert.All(down, r => Assert.Equal(0.0, r.abs().max().item<float>()));
        var sample = Reference.Input("unet.sample");
        var t = Reference.Input("unet.timesteps");
        var text = Reference.Input("unet.encoder_hidden_states");
        var diff = (unet.Forward(sample, t, text, down, mid) - unet.Forward(sample, t, text)).abs().max().item<float>();
        Assert.Equal(0.0, diff);
    }

    [Fact]
    public void ControlNet_saves_and_loads_back_to_identical_outputs()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var dir = TestPaths.NewTempDir();
        try
        {
            TinyControlNet.Value.Save(dir);
            var loaded = ControlNetModel.FromFolder(dir);
            Assert.Equal(TinyControlNet.Value.Config.ConditioningEmbeddingOutChannels, loaded.Config.ConditioningEmbeddingOutChannels);
            var (down1, mid1) = RunReference(TinyControlNet.Value);
            var (down2, mid2) = RunReference(loaded);
            for (int i = 0; i < down1.Count; i++)
                Assert.Equal(0.0, (down1[i] - down2[i]).abs().max().item<float>());
            Assert.Equal(0.0, (mid1 - mid2).abs().max().item<float>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
