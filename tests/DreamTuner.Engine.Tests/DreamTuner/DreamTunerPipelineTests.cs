using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Pipelines;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.DreamTuner;

public sealed class DreamTunerPipelineTests
{
    [Fact]
    public void Text_guided_form_with_an_all_background_reference_equals_plain_classifier_free_guidance()
    {
        // Eq. 5 with a reference whose every token is cut off (log 0) and no coarse identity is
        // omega_c*eps(c) - (omega_c-1)*eps(uc): plain CFG at guidance omega_c.
        using var model = TinyDreamTuner.Load();
        var baseRequest = TinyDreamTuner.Base();
        using var plain = new StableDiffusionPipeline(model).Generate(baseRequest);
        using var dream = new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = baseRequest,
            References = [TinyDreamTuner.Reference(mask: zeros(1, 1, TinyDreamTuner.Size, TinyDreamTuner.Size))],
            PR = 0,
            OmegaC = baseRequest.GuidanceScale,
        });
        Assert.All(dream.Branches, b => Assert.Equal(GuidanceBranch.TextGuided, b));
        TinyDreamTuner.AssertClose(plain.Latents, dream.Output.Latents, 1e-4, "latents");
        TinyDreamTuner.AssertClose(plain.Images, dream.Output.Images, 1e-4, "images");
    }

    [Theory]
    [InlineData(1.0, GuidanceBranch.ReferenceGuided)]
    [InlineData(0.0, GuidanceBranch.TextGuided)]
    public void Probability_p_r_of_one_always_takes_Eq4_and_of_zero_always_Eq5(double pr, GuidanceBranch expected)
    {
        using var model = TinyDreamTuner.Load();
        using var result = new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(steps: 6),
            References = [TinyDreamTuner.Reference(mask: TinyDreamTuner.CentreMask())],
            PR = pr,
        });
        Assert.Equal(6, result.Branches.Count);
        Assert.All(result.Branches, b => Assert.Equal(expected, b));
    }

    [Fact]
    public void Branch_choice_is_drawn_per_step_and_mixes_both_forms()
    {
        using var model = TinyDreamTuner.Load();
        using var result = new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(steps: 12),
            References = [TinyDreamTuner.Reference()],
            PR = 0.5,
        });
        Assert.Contains(GuidanceBranch.ReferenceGuided, result.Branches);
        Assert.Contains(GuidanceBranch.TextGuided, result.Branches);
    }

    [Fact]
    public void Same_seed_gives_the_same_image_and_another_seed_another()
    {
        using var model = TinyDreamTuner.Load();
        var pipeline = new DreamTunerPipeline(model);
        DreamTunerRequest Request(long seed) => new()
        {
            Base = TinyDreamTuner.Base(seed),
            References = [TinyDreamTuner.Reference(mask: TinyDreamTuner.CentreMask())],
        };
        using var a = pipeline.Generate(Request(11));
        using var b = pipeline.Generate(Request(11));
        using var c = pipeline.Generate(Request(12));
        Assert.True(a.Output.Images.eq(b.Output.Images).all().item<bool>());
        Assert.Equal(a.Branches, b.Branches);
        Assert.False(a.Output.Images.allclose(c.Output.Images));
    }

    [Fact]
    public void Reference_mask_changes_the_result_so_the_reference_reaches_the_generated_image()
    {
        using var model = TinyDreamTuner.Load();
        var pipeline = new DreamTunerPipeline(model);
        DreamTunerRequest Request(Tensor mask) => new()
        {
            Base = TinyDreamTuner.Base(),
            References = [TinyDreamTuner.Reference(mask: mask)],
        };
        using var background = pipeline.Generate(Request(zeros(1, 1, TinyDreamTuner.Size, TinyDreamTuner.Size)));
        using var subject = pipeline.Generate(Request(TinyDreamTuner.CentreMask()));
        Assert.False(background.Output.Latents.allclose(subject.Output.Latents, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Zero_controlnet_scale_equals_no_controlnet()
    {
        using var model = TinyDreamTuner.Load();
        var pipeline = new DreamTunerPipeline(model);
        var control = rand([1, 3, TinyDreamTuner.Size, TinyDreamTuner.Size], generator: new Generator(5));
        var without = new DreamTunerRequest { Base = TinyDreamTuner.Base(), References = [TinyDreamTuner.Reference()] };
        var withZero = without with { Base = without.Base with { ControlImage = control, ControlScale = 0 } };
        var withOne = without with { Base = without.Base with { ControlImage = control, ControlScale = 1 } };
        using var a = pipeline.Generate(without);
        using var b = pipeline.Generate(withZero);
        using var c = pipeline.Generate(withOne);
        Assert.True(a.Output.Latents.eq(b.Output.Latents).all().item<bool>());
        Assert.False(a.Output.Latents.allclose(c.Output.Latents));
    }

    [Fact]
    public void Controlnet_outside_its_start_end_window_has_no_effect()
    {
        using var model = TinyDreamTuner.Load();
        var pipeline = new DreamTunerPipeline(model);
        var control = rand([1, 3, TinyDreamTuner.Size, TinyDreamTuner.Size], generator: new Generator(5));
        var without = new DreamTunerRequest { Base = TinyDreamTuner.Base(), References = [TinyDreamTuner.Reference()] };
        var emptyWindow = without with { Base = without.Base with { ControlImage = control }, ControlStart = 0.5, ControlEnd = 0.5 };
        using var a = pipeline.Generate(without);
        using var b = pipeline.Generate(emptyWindow);
        Assert.True(a.Output.Latents.eq(b.Output.Latents).all().item<bool>());
    }

    [Fact]
    public void Reference_of_another_size_than_the_output_works_and_several_references_are_accepted()
    {
        using var model = TinyDreamTuner.Load();
        var steps = new List<int>();
        using var result = new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(),
            References = [TinyDreamTuner.Reference(width: 48, height: 20), TinyDreamTuner.Reference(seed: 9, width: 16, height: 40)],
            PR = 0.5,
        }, p => steps.Add(p.Step));
        Assert.Equal(new long[] { 1, 3, TinyDreamTuner.Size, TinyDreamTuner.Size }, result.Output.Images.shape);
        Assert.False(result.Output.Images.isnan().any().item<bool>());
        Assert.Equal([1, 2, 3], steps);
        Assert.Equal(2, result.Warnings.Count);
    }

    [Fact]
    public void Cancellation_stops_before_the_next_step()
    {
        using var model = TinyDreamTuner.Load();
        using var cts = new CancellationTokenSource();
        int seen = 0;
        Assert.Throws<OperationCanceledException>(() => new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(steps: 5),
            References = [TinyDreamTuner.Reference()],
        }, _ => { seen++; cts.Cancel(); }, cts.Token));
        Assert.Equal(1, seen);
    }

    [Fact]
    public void Generation_leaves_the_models_attention_processors_as_it_found_them()
    {
        using var model = TinyDreamTuner.Load();
        var before = model.Unet.AttnProcessors;
        using var _ = new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base(steps: 1),
            References = [TinyDreamTuner.Reference()],
        });
        Assert.Equal(before, model.Unet.AttnProcessors);
    }

    [Fact]
    public void Self_subject_attention_on_no_layers_leaves_plain_guidance_and_unknown_layers_are_rejected()
    {
        // With no layer taking part, the reference cannot reach the generated rows: Eq. 5 is plain CFG again.
        using var model = TinyDreamTuner.Load();
        var baseRequest = TinyDreamTuner.Base();
        using var plain = new StableDiffusionPipeline(model).Generate(baseRequest);
        var request = new DreamTunerRequest
        {
            Base = baseRequest,
            References = [TinyDreamTuner.Reference(mask: TinyDreamTuner.CentreMask())],
            PR = 0,
            SelfSubjectAttentionLayers = [],
        };
        using var dream = new DreamTunerPipeline(model).Generate(request);
        TinyDreamTuner.AssertClose(plain.Latents, dream.Output.Latents, 1e-4, "latents");
        Assert.Throws<ArgumentException>(() => new DreamTunerPipeline(model).Generate(
            request with { SelfSubjectAttentionLayers = ["down_blocks.0.attentions.0.transformer_blocks.0.attn2"] }));
    }

    [Fact]
    public void Batch_of_two_shares_the_reference_rows()
    {
        using var model = TinyDreamTuner.Load();
        using var result = new DreamTunerPipeline(model).Generate(new DreamTunerRequest
        {
            Base = TinyDreamTuner.Base() with { BatchSize = 2 },
            References = [TinyDreamTuner.Reference(mask: TinyDreamTuner.CentreMask())],
            PR = 0.5,
        });
        Assert.Equal(new long[] { 2, 3, TinyDreamTuner.Size, TinyDreamTuner.Size }, result.Output.Images.shape);
        Assert.False(result.Output.Images[0].allclose(result.Output.Images[1]));
    }
}
