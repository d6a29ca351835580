using DreamTuner.Engine.Lora;
using DreamTuner.Engine.Tests.DreamTuner;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>LoRA (Hu et al. 2021), which DreamTuner section 3.3 names as an alternative to full fine-tuning.</summary>
public sealed class LoraAdapterTests
{
    private static Tensor UnetOutput(global::DreamTuner.Engine.Pipelines.StableDiffusionModel model)
    {
        using var noGrad = no_grad();
        var g = new Generator(3);
        var x = randn([1, 4, 16, 16], generator: g);
        var text = randn([1, 77, 32], generator: g);
        return model.Unet.Forward(x, tensor(500f), text);
    }

    private static Tensor TextOutput(global::DreamTuner.Engine.Pipelines.StableDiffusionModel model)
    {
        using var noGrad = no_grad();
        return model.TextEncoder.EncodePrompt(tensor(model.Tokenizer.Encode("a dog")).unsqueeze(0));
    }

    private static void Randomise(LoraSet set)
    {
        using var noGrad = no_grad();
        var g = new Generator(9);
        foreach (var (_, p) in set.NamedParameters())
            p.copy_(randn(p.shape, generator: g) * 0.1);
    }

    [Fact]
    public void Zero_initialised_lora_equals_the_base_model()
    {
        using var model = TinyFineTune.Load();
        var unetBefore = UnetOutput(model);
        var textBefore = TextOutput(model);
        using var lora = LoraSet.Create(LoraTargets.Find(model), rank: 4, alpha: 4, seed: 1);
        lora.Attach();
        Assert.True(unetBefore.equal(UnetOutput(model)).all().item<bool>());
        Assert.True(textBefore.equal(TextOutput(model)).all().item<bool>());
    }

    [Fact]
    public void Lora_covers_every_unet_and_text_encoder_attention_projection_and_stays_out_of_state_dicts()
    {
        using var model = TinyFineTune.Load();
        var keys = model.Unet.state_dict().Keys.ToHashSet();
        var targets = LoraTargets.Find(model);
        int unetAttention = model.Unet.AttentionModules.Count;
        Assert.Equal(4 * unetAttention + 4 * model.TextEncoder.Config.NumHiddenLayers, targets.Count);
        using var lora = LoraSet.Create(targets, rank: 2, alpha: 2, seed: 1);
        lora.Attach();
        Assert.Equal(keys, model.Unet.state_dict().Keys.ToHashSet());
    }

    [Fact]
    public void Lora_merged_into_the_weights_gives_the_same_outputs_as_applied_on_the_fly_and_unmerges_back()
    {
        using var model = TinyFineTune.Load();
        var weightsBefore = TinyFineTune.Snapshot(model.Unet);
        var baseOutput = UnetOutput(model);
        using var lora = LoraSet.Create(LoraTargets.Find(model), rank: 4, alpha: 8, seed: 1);
        Randomise(lora);
        lora.Attach();
        var onTheFly = UnetOutput(model);
        var textOnTheFly = TextOutput(model);
        Assert.False(onTheFly.allclose(baseOutput, 1e-3, 1e-3), "the random LoRA should change the output");

        lora.Merge();
        TinyDreamTuner.AssertClose(onTheFly, UnetOutput(model), 1e-4, "merged UNet output");
        TinyDreamTuner.AssertClose(textOnTheFly, TextOutput(model), 1e-4, "merged text-encoder output");

        lora.Unmerge();
        foreach (var (key, before) in weightsBefore)
            TinyDreamTuner.AssertClose(before, model.Unet.state_dict()[key], 1e-6, key);
        lora.Detach();
        TinyDreamTuner.AssertClose(baseOutput, UnetOutput(model), 1e-5, "after detaching");
    }

    [Fact]
    public void Exported_kohya_lora_loads_back_to_the_same_tensors()
    {
        using var model = TinyFineTune.Load();
        using var lora = LoraSet.Create(LoraTargets.Find(model), rank: 3, alpha: 1.5, seed: 1);
        Randomise(lora);
        var path = Path.Combine(Support.TestPaths.NewTempDir("dt-kohya"), "lora.safetensors");
        LoraSet.SaveKohya(path, lora);

        var keys = global::DreamTuner.Engine.Checkpoints.StateDict.Read(path).Keys.ToHashSet();
        Assert.Contains("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q.lora_down.weight", keys);
        Assert.Contains("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_out_0.lora_up.weight", keys);
        Assert.Contains("lora_te_text_model_encoder_layers_0_self_attn_q_proj.alpha", keys);

        using var loaded = LoraSet.LoadKohya(path, LoraTargets.Find(model));
        Assert.Equal(lora.Adapters.Keys.Order(), loaded.Adapters.Keys.Order());
        foreach (var (name, adapter) in lora.Adapters)
        {
            var back = loaded.Adapters[name];
            Assert.True(adapter.Down.equal(back.Down).all().item<bool>(), name);
            Assert.True(adapter.Up.equal(back.Up).all().item<bool>(), name);
            Assert.Equal(1.5, back.Alpha, 6);
        }
    }
}
