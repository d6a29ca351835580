using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Vision;
using DreamTuner.Engine.Unet;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

public sealed class SubjectEncoderAttentionTests
{
    private static (Tensor Sample, Tensor Text) Inputs()
    {
        var g = new Generator(21);
        return (randn([2, 4, 16, 16], generator: g), randn([2, 77, 32], generator: g));
    }

    [Fact]
    public void Beta_zero_with_subject_encoder_attention_installed_equals_the_base_model()
    {
        using var model = TinyDreamTuner.Load();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (sample, text) = Inputs();
        var t = tensor(500L);
        var baseline = model.Unet.Forward(sample, t, text);

        var dir = TestPaths.NewTempDir();
        try
        {
            TinySubjectEncoder.WriteRandomFile(model.Unet, dir);
            var tokens = randn([2, 17, 32], generator: new Generator(3));
            Tensor Run(float beta) => model.Unet.Forward(sample, t, text, attentionContext:
                new AttentionContext().Set(new SubjectTokens(tokens, full([2, 1, 1], beta))));
            Assert.True(baseline.eq(Run(0)).all().item<bool>(), "beta = 0 must give exactly the base output (Eq. 1)");
            Assert.True(baseline.eq(model.Unet.Forward(sample, t, text)).all().item<bool>(), "no tokens: inert slot");
            Assert.False(baseline.allclose(Run(0.5f)), "beta != 0 must change the output");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Fresh_subject_encoder_attention_is_zero_initialised_and_changes_nothing()
    {
        using var model = TinyDreamTuner.Load();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (sample, text) = Inputs();
        var t = tensor(500L);
        var baseline = model.Unet.Forward(sample, t, text);
        foreach (var (_, block) in SubjectEncoderFile.TransformerBlocks(model.Unet))
            block.InstallSubjectAttention(32);
        var tokens = randn([2, 5, 32]);
        var withSea = model.Unet.Forward(sample, t, text, attentionContext: new AttentionContext().Set(new SubjectTokens(tokens, ones(2, 1, 1))));
        Assert.True(baseline.eq(withSea).all().item<bool>());
        Assert.Contains("down_blocks.0.attentions.0.transformer_blocks.0.attn_se.to_q.weight", model.Unet.state_dict().Keys);
    }

    [Fact]
    public void Subject_encoder_file_round_trips_onto_another_copy_of_the_model()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var source = TinyDreamTuner.Load();
            var path = TinySubjectEncoder.WriteRandomFile(source.Unet, dir);
            var keys = StateDict.Read(path).Keys.ToList();
            Assert.Contains("subject_encoder.proj_in.weight", keys);
            Assert.Contains("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn_se.to_q.weight", keys);
            Assert.Contains("unet.mid_block.attentions.0.transformer_blocks.0.norm_se.weight", keys);
            Assert.Contains("unet.up_blocks.1.attentions.2.transformer_blocks.0.attn_se.to_out.0.bias", keys);

            using var target = TinyDreamTuner.Load();
            using var identity = SubjectEncoderFile.Load(path, target.Unet, TinyClipVision.Create(1));
            var a = source.Unet.state_dict();
            foreach (var (key, value) in target.Unet.state_dict().Where(kv => kv.Key.Contains("_se.")))
                Assert.True(a[key].eq(value).all().item<bool>(), key);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Subject_encoder_file_for_another_unet_width_is_a_one_line_checkpoint_error()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var other = new UNet2DConditionModel(RandomModelSpec.Tiny.Unet with { BlockOutChannels = [16, 32] });
            var path = TinySubjectEncoder.WriteRandomFile(other, dir);
            using var model = TinyDreamTuner.Load();
            var e = Assert.Throws<CheckpointException>(() => SubjectEncoderFile.Load(path, model.Unet, TinyClipVision.Create(1)));
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains("another UNet width", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Subject_encoder_generation_runs_and_beta_zero_equals_no_coarse_identity()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            using var model = TinyDreamTuner.Load();
            var path = TinySubjectEncoder.WriteRandomFile(model.Unet, dir);
            var pipeline = new DreamTunerPipeline(model)
            {
                SubjectEncoder = SubjectEncoderFile.Load(path, model.Unet, TinyClipVision.Create(1)),
            };
            var request = new DreamTunerRequest
            {
                Base = TinyDreamTuner.Base(),
                References = [TinyDreamTuner.Reference(mask: TinyDreamTuner.CentreMask())],
                CoarseIdentity = CoarseIdentityKind.SubjectEncoder,
            };
            using var none = pipeline.Generate(request with { CoarseIdentity = CoarseIdentityKind.None });
            using var zero = pipeline.Generate(request with { Beta = 0 });
            using var some = pipeline.Generate(request with { Beta = 0.5 });
            Assert.True(none.Output.Latents.eq(zero.Output.Latents).all().item<bool>());
            Assert.False(none.Output.Latents.allclose(some.Output.Latents));
        }
        finally { Directory.Delete(dir, true); }
    }
}
