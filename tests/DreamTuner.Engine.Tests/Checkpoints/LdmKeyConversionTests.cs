using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Tests.Support;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Checkpoints;

public class LdmKeyConversionTests
{
    /// <summary>tests/data/reference/tiny-sd15/unet: down [CrossAttnDownBlock2D, DownBlock2D], up [UpBlock2D, CrossAttnUpBlock2D].</summary>
    private static readonly LdmUnetLayout TinyLayout = new(2, 2, [true, false], [false, true]);

    private static (Dictionary<string, Tensor> Unet, Dictionary<string, Tensor> Vae, Dictionary<string, Tensor> Text) ReadTiny() =>
        (StateDict.Read(Path.Combine(TestPaths.TinySd15, "unet", "diffusion_pytorch_model.safetensors")),
         StateDict.Read(Path.Combine(TestPaths.TinySd15, "vae", "diffusion_pytorch_model.safetensors")),
         StateDict.Read(Path.Combine(TestPaths.TinySd15, "text_encoder", "model.safetensors")));

    [Fact]
    public void Tiny_reference_model_survives_a_round_trip_through_the_LDM_layout()
    {
        var (unet, vae, text) = ReadTiny();

        var ldm = LdmKeyConversion.ToLdm(unet, vae, text, TinyLayout);
        Assert.Equal(unet.Count + vae.Count + text.Count, ldm.Count);
        Assert.All(ldm.Keys, k => Assert.True(
            k.StartsWith(LdmKeyConversion.UnetPrefix) || k.StartsWith(LdmKeyConversion.VaePrefix) ||
            k.StartsWith(LdmKeyConversion.TextEncoderPrefix), k));

        var back = LdmKeyConversion.Convert(ldm, TinyLayout);

        AssertSameTensors(unet, back.Unet);
        AssertSameTensors(vae, back.Vae);
        AssertSameTensors(text, back.TextEncoder);
    }

    [Fact]
    public void Tiny_model_in_LDM_layout_uses_the_original_block_numbering_and_1x1_conv_attention()
    {
        var (unet, vae, text) = ReadTiny();

        var ldm = LdmKeyConversion.ToLdm(unet, vae, text, TinyLayout);

        // 2 layers per block: input_blocks 1,2 = down 0; 3 = its downsampler; 4,5 = down 1.
        Assert.Contains("model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight", ldm.Keys);
        Assert.Contains("model.diffusion_model.input_blocks.3.0.op.weight", ldm.Keys);
        Assert.Contains("model.diffusion_model.input_blocks.4.0.skip_connection.weight", ldm.Keys);
        // Up block 0 has no attention, so its upsampler is part 1; block 1 is the last and has none.
        Assert.Contains("model.diffusion_model.output_blocks.2.1.conv.weight", ldm.Keys);
        Assert.Contains("model.diffusion_model.output_blocks.5.1.proj_out.weight", ldm.Keys);
        Assert.Contains("model.diffusion_model.middle_block.2.out_layers.3.weight", ldm.Keys);
        // The VAE decoder is numbered from the lowest resolution: diffusers' up_blocks.0 is LDM's up.1.
        Assert.Contains("first_stage_model.decoder.up.1.upsample.conv.weight", ldm.Keys);
        Assert.Contains("first_stage_model.decoder.up.0.block.0.nin_shortcut.weight", ldm.Keys);
        Assert.Equal([64L, 64, 1, 1], ldm["first_stage_model.encoder.mid.attn_1.q.weight"].shape);
        Assert.Contains("cond_stage_model.transformer.text_model.final_layer_norm.weight", ldm.Keys);
    }

    [Theory]
    [InlineData("model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight", "down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.weight")]
    [InlineData("model.diffusion_model.input_blocks.8.1.transformer_blocks.0.attn2.to_k.weight", "down_blocks.2.attentions.1.transformer_blocks.0.attn2.to_k.weight")]
    [InlineData("model.diffusion_model.time_embed.0.weight", "time_embedding.linear_1.weight")]
    [InlineData("model.diffusion_model.time_embed.2.bias", "time_embedding.linear_2.bias")]
    [InlineData("model.diffusion_model.input_blocks.0.0.weight", "conv_in.weight")]
    [InlineData("model.diffusion_model.out.0.bias", "conv_norm_out.bias")]
    [InlineData("model.diffusion_model.out.2.weight", "conv_out.weight")]
    [InlineData("model.diffusion_model.input_blocks.3.0.op.weight", "down_blocks.0.downsamplers.0.conv.weight")]
    [InlineData("model.diffusion_model.input_blocks.9.0.op.bias", "down_blocks.2.downsamplers.0.conv.bias")]
    [InlineData("model.diffusion_model.input_blocks.4.0.skip_connection.weight", "down_blocks.1.resnets.0.conv_shortcut.weight")]
    [InlineData("model.diffusion_model.input_blocks.5.0.emb_layers.1.weight", "down_blocks.1.resnets.1.time_emb_proj.weight")]
    [InlineData("model.diffusion_model.input_blocks.10.0.in_layers.0.weight", "down_blocks.3.resnets.0.norm1.weight")]
    [InlineData("model.diffusion_model.input_blocks.11.0.out_layers.3.weight", "down_blocks.3.resnets.1.conv2.weight")]
    [InlineData("model.diffusion_model.middle_block.0.in_layers.2.weight", "mid_block.resnets.0.conv1.weight")]
    [InlineData("model.diffusion_model.middle_block.1.proj_in.weight", "mid_block.attentions.0.proj_in.weight")]
    [InlineData("model.diffusion_model.middle_block.2.out_layers.0.bias", "mid_block.resnets.1.norm2.bias")]
    [InlineData("model.diffusion_model.output_blocks.0.0.skip_connection.weight", "up_blocks.0.resnets.0.conv_shortcut.weight")]
    [InlineData("model.diffusion_model.output_blocks.2.1.conv.weight", "up_blocks.0.upsamplers.0.conv.weight")]
    [InlineData("model.diffusion_model.output_blocks.3.1.norm.weight", "up_blocks.1.attentions.0.norm.weight")]
    [InlineData("model.diffusion_model.output_blocks.5.2.conv.bias", "up_blocks.1.upsamplers.0.conv.bias")]
    [InlineData("model.diffusion_model.output_blocks.8.2.conv.weight", "up_blocks.2.upsamplers.0.conv.weight")]
    [InlineData("model.diffusion_model.output_blocks.11.1.transformer_blocks.0.ff.net.2.weight", "up_blocks.3.attentions.2.transformer_blocks.0.ff.net.2.weight")]
    [InlineData("model.diffusion_model.output_blocks.11.0.out_layers.3.bias", "up_blocks.3.resnets.2.conv2.bias")]
    public void Sd15_unet_keys_map_to_diffusers_names_and_back(string ldm, string diffusers)
    {
        Assert.Equal(diffusers, LdmKeyConversion.UnetKeyToDiffusers(ldm, LdmUnetLayout.Sd15));
        Assert.Equal(ldm, LdmKeyConversion.UnetKeyToLdm(diffusers, LdmUnetLayout.Sd15));
    }

    [Theory]
    [InlineData("first_stage_model.encoder.mid.attn_1.q.weight", "encoder.mid_block.attentions.0.to_q.weight")]
    [InlineData("first_stage_model.decoder.mid.attn_1.proj_out.bias", "decoder.mid_block.attentions.0.to_out.0.bias")]
    [InlineData("first_stage_model.decoder.mid.attn_1.norm.weight", "decoder.mid_block.attentions.0.group_norm.weight")]
    [InlineData("first_stage_model.encoder.mid.block_1.norm1.weight", "encoder.mid_block.resnets.0.norm1.weight")]
    [InlineData("first_stage_model.decoder.mid.block_2.conv2.bias", "decoder.mid_block.resnets.1.conv2.bias")]
    [InlineData("first_stage_model.encoder.down.0.downsample.conv.weight", "encoder.down_blocks.0.downsamplers.0.conv.weight")]
    [InlineData("first_stage_model.encoder.down.1.block.0.nin_shortcut.weight", "encoder.down_blocks.1.resnets.0.conv_shortcut.weight")]
    [InlineData("first_stage_model.encoder.norm_out.weight", "encoder.conv_norm_out.weight")]
    [InlineData("first_stage_model.decoder.up.3.block.0.conv1.weight", "decoder.up_blocks.0.resnets.0.conv1.weight")]
    [InlineData("first_stage_model.decoder.up.3.upsample.conv.weight", "decoder.up_blocks.0.upsamplers.0.conv.weight")]
    [InlineData("first_stage_model.decoder.up.1.block.0.nin_shortcut.weight", "decoder.up_blocks.2.resnets.0.conv_shortcut.weight")]
    [InlineData("first_stage_model.decoder.up.0.block.2.norm2.weight", "decoder.up_blocks.3.resnets.2.norm2.weight")]
    [InlineData("first_stage_model.decoder.norm_out.bias", "decoder.conv_norm_out.bias")]
    [InlineData("first_stage_model.quant_conv.weight", "quant_conv.weight")]
    [InlineData("first_stage_model.post_quant_conv.bias", "post_quant_conv.bias")]
    public void Sd15_vae_keys_map_to_diffusers_names_and_back(string ldm, string diffusers)
    {
        Assert.Equal(diffusers, LdmKeyConversion.VaeKeyToDiffusers(ldm, numBlocks: 4));
        Assert.Equal(ldm, LdmKeyConversion.VaeKeyToLdm(diffusers, numBlocks: 4));
    }

    [Theory]
    [InlineData("cond_stage_model.transformer.text_model.final_layer_norm.weight", "text_model.final_layer_norm.weight")]
    [InlineData("cond_stage_model.transformer.text_model.encoder.layers.11.self_attn.q_proj.bias", "text_model.encoder.layers.11.self_attn.q_proj.bias")]
    [InlineData("cond_stage_model.transformer.text_model.embeddings.position_embedding.weight", "text_model.embeddings.position_embedding.weight")]
    public void Sd15_text_encoder_keys_map_to_clip_text_model_names_and_back(string ldm, string diffusers)
    {
        Assert.Equal(diffusers, LdmKeyConversion.TextEncoderKeyToDiffusers(ldm));
        Assert.Equal(ldm, LdmKeyConversion.TextEncoderKeyToLdm(diffusers));
    }

    [Theory]
    [InlineData("cond_stage_model.transformer.embeddings.token_embedding.weight", "text_model.embeddings.token_embedding.weight")]
    [InlineData("cond_stage_model.transformer.encoder.layers.0.mlp.fc1.bias", "text_model.encoder.layers.0.mlp.fc1.bias")]
    [InlineData("cond_stage_model.transformer.final_layer_norm.bias", "text_model.final_layer_norm.bias")]
    public void Text_encoder_keys_of_the_older_layout_without_text_model_are_converted(string ldm, string diffusers) =>
        Assert.Equal(diffusers, LdmKeyConversion.TextEncoderKeyToDiffusers(ldm));

    [Theory]
    [InlineData("model.diffusion_model.input_blocks.12.0.in_layers.0.weight")] // SD1.5 has input_blocks 0..11
    [InlineData("model.diffusion_model.input_blocks.10.1.norm.weight")]        // down block 3 has no attention
    [InlineData("model.diffusion_model.input_blocks.11.0.op.weight")]          // the last down block has no downsampler
    [InlineData("model.diffusion_model.output_blocks.2.2.conv.weight")]        // up block 0 has no attention: upsampler is .1
    [InlineData("model.diffusion_model.output_blocks.11.2.conv.weight")]       // the last up block has no upsampler
    [InlineData("model.diffusion_model.middle_block.3.in_layers.0.weight")]
    [InlineData("model.diffusion_model.input_blocks.1.0.in_layers.1.weight")]  // SiLU has no weights
    [InlineData("model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn1.to_q.lora_down.weight")]
    [InlineData("model.diffusion_model.time_embed.0.running_mean")]
    public void Sd15_unet_keys_without_a_place_in_the_layout_are_not_converted(string ldm) =>
        Assert.Null(LdmKeyConversion.UnetKeyToDiffusers(ldm, LdmUnetLayout.Sd15));

    [Theory]
    [InlineData("first_stage_model.decoder.up.0.upsample.conv.weight")] // diffusers' last up block has no upsampler
    [InlineData("first_stage_model.encoder.down.3.downsample.conv.weight")]
    [InlineData("first_stage_model.encoder.up.1.block.0.conv1.weight")]
    [InlineData("first_stage_model.decoder.up.4.block.0.conv1.weight")]
    [InlineData("first_stage_model.encoder.mid.attn_1.qkv.weight")]
    public void Sd15_vae_keys_without_a_place_in_the_layout_are_not_converted(string ldm) =>
        Assert.Null(LdmKeyConversion.VaeKeyToDiffusers(ldm, numBlocks: 4));

    [Fact]
    public void Vae_attention_weights_are_reshaped_from_1x1_convolutions_to_linear()
    {
        var checkpoint = TinyLdm();
        Assert.Equal([64L, 64, 1, 1], checkpoint["first_stage_model.decoder.mid.attn_1.proj_out.weight"].shape);

        var vae = LdmKeyConversion.ConvertVae(checkpoint);

        Assert.Equal([64L, 64], vae["decoder.mid_block.attentions.0.to_out.0.weight"].shape);
        Assert.Equal([64L, 64], vae["encoder.mid_block.attentions.0.to_q.weight"].shape);
        Assert.Equal([64L], vae["encoder.mid_block.attentions.0.to_q.bias"].shape);
    }

    [Fact]
    public void Schedule_buffers_ema_weights_and_clip_position_ids_are_ignored()
    {
        var checkpoint = TinyLdm();
        checkpoint["alphas_cumprod"] = ones(1000);
        checkpoint["betas"] = ones(1000);
        checkpoint["model_ema.decay"] = tensor(0.9999f);
        checkpoint["model_ema.diffusion_modelinput_blocks00weight"] = ones(32, 4, 3, 3);
        checkpoint["cond_stage_model.transformer.text_model.embeddings.position_ids"] = arange(77).unsqueeze(0);

        var converted = LdmKeyConversion.Convert(checkpoint, TinyLayout);

        Assert.DoesNotContain(converted.TextEncoder.Keys, k => k.Contains("position_ids"));
        Assert.DoesNotContain(converted.Unet.Keys, k => k.Contains("ema"));
    }

    [Fact]
    public void Older_clip_layout_without_text_model_converts_to_the_same_weights()
    {
        var (_, _, text) = ReadTiny();
        var checkpoint = TinyLdm();
        foreach (var key in checkpoint.Keys.Where(k => k.StartsWith("cond_stage_model.transformer.text_model.")).ToList())
        {
            checkpoint["cond_stage_model.transformer." + key["cond_stage_model.transformer.text_model.".Length..]] = checkpoint[key];
            checkpoint.Remove(key);
        }

        var converted = LdmKeyConversion.ConvertTextEncoder(checkpoint);

        AssertSameTensors(text, converted);
    }

    [Fact]
    public void Checkpoint_with_foreign_keys_is_rejected_naming_the_first_few()
    {
        var checkpoint = TinyLdm();
        for (int i = 0; i < 7; i++)
            checkpoint[$"conditioner.embedders.1.model.transformer.resblocks.{i}.mlp.c_proj.bias"] = zeros(4);

        var e = Assert.Throws<CheckpointException>(() => LdmKeyConversion.Convert(checkpoint, TinyLayout, "sdxl.safetensors"));

        Assert.StartsWith("sdxl.safetensors does not look like a Stable Diffusion 1.x checkpoint: unexpected keys conditioner.embedders.1.model", e.Message);
        Assert.EndsWith("and 2 more.", e.Message);
    }

    [Fact]
    public void Unet_keys_that_do_not_fit_the_layout_are_reported()
    {
        var checkpoint = TinyLdm();

        // Attention in the wrong up block: output_blocks.2.1 is then read as an attention, but it is an upsampler.
        var wrong = TinyLayout with { UpHasAttention = [true, false] };

        var e = Assert.Throws<CheckpointException>(() => LdmKeyConversion.ConvertUnet(checkpoint, wrong, "tiny.safetensors"));

        Assert.StartsWith("tiny.safetensors does not look like a Stable Diffusion 1.x checkpoint: unexpected keys model.diffusion_model.", e.Message);
        Assert.Contains("model.diffusion_model.output_blocks.2.1.conv.", e.Message);
    }

    [Fact]
    public void Checkpoint_without_a_vae_is_rejected_saying_what_is_missing()
    {
        var checkpoint = TinyLdm();
        foreach (var key in checkpoint.Keys.Where(k => k.StartsWith(LdmKeyConversion.VaePrefix)).ToList())
            checkpoint.Remove(key);

        var e = Assert.Throws<CheckpointException>(() => LdmKeyConversion.Convert(checkpoint, TinyLayout, "unet-only.safetensors"));

        Assert.Equal("unet-only.safetensors does not look like a Stable Diffusion 1.x checkpoint: it has no VAE weights (no keys starting with 'first_stage_model.').", e.Message);
    }

    [Fact]
    public void Converted_tensors_stay_valid_after_the_checkpoint_is_disposed()
    {
        var checkpoint = TinyLdm();
        var expected = checkpoint["model.diffusion_model.out.2.weight"].clone();

        var unet = LdmKeyConversion.ConvertUnet(checkpoint, TinyLayout);
        foreach (var t in checkpoint.Values)
            t.Dispose();

        Assert.True(unet["conv_out.weight"].eq(expected).all().item<bool>());
    }

    [Fact]
    public void Layout_with_arrays_of_the_wrong_length_is_refused()
    {
        var bad = new LdmUnetLayout(2, 3, [true, true], [false, true, true]);

        Assert.Throws<ArgumentException>(() => LdmKeyConversion.ConvertUnet(TinyLdm(), bad));
    }

    private static Dictionary<string, Tensor> TinyLdm()
    {
        var (unet, vae, text) = ReadTiny();
        return LdmKeyConversion.ToLdm(unet, vae, text, TinyLayout);
    }

    private static void AssertSameTensors(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, e) in expected)
        {
            var a = actual[key];
            Assert.True(e.shape.SequenceEqual(a.shape), $"{key}: [{string.Join(",", a.shape)}] instead of [{string.Join(",", e.shape)}]");
            Assert.Equal(e.dtype, a.dtype);
            Assert.True(e.eq(a).all().item<bool>(), $"{key}: values differ");
        }
    }
}
