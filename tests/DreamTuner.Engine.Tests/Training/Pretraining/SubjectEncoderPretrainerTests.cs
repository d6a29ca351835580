using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Training;
using DreamTuner.Engine.Training.Pretraining;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training.Pretraining;

/// <summary>DreamTuner stage 1 (section 3.1): what trains, what stays frozen, that it learns, and exact resumption.</summary>
public sealed class SubjectEncoderPretrainerTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-pretrain");

    public void Dispose() => Directory.Delete(_dir, true);

    private PretrainingDataset Data(bool depth = false) =>
        PretrainingDataset.Scan(TinyPretraining.WriteDataset(Path.Combine(_dir, depth ? "data-depth" : "data"), depth: depth)).Validate();

    [Fact]
    public void A_short_run_lowers_the_loss_on_the_same_evaluation_draws()
    {
        using var model = TinyModel.Load();
        using var encoder = TinyPretraining.CreateEncoder(model);
        var data = Data();
        var trainer = new SubjectEncoderPretrainer(model, encoder);
        var options = TinyPretraining.Options(steps: 40) with { Augmentation = new EncoderAugmentationOptions { Enabled = false } };
        double before = trainer.Evaluate(data, options, draws: 16, seed: 123);
        trainer.Run(data, options, Path.Combine(_dir, "work"));
        double after = trainer.Evaluate(data, options, draws: 16, seed: 123);
        Assert.True(after < before * 0.97, $"evaluation loss {before:F5} -> {after:F5}");
    }

    [Fact]
    public void Only_the_encoder_head_and_the_subject_encoder_attention_layers_change()
    {
        using var model = TinyModel.Load();
        using var encoder = TinyPretraining.CreateEncoder(model);
        bool IsSea(string key) => key.Contains(".attn_se.", StringComparison.Ordinal) || key.Contains(".norm_se.", StringComparison.Ordinal);
        var unet = TinyPretraining.Snapshot(model.Unet);
        var text = TinyPretraining.Snapshot(model.TextEncoder);
        var vae = TinyPretraining.Snapshot(model.Vae);
        var clip = TinyPretraining.Snapshot(encoder.Clip);
        var head = TinyPretraining.Snapshot(encoder.Encoder);
        new SubjectEncoderPretrainer(model, encoder).Run(Data(), TinyPretraining.Options(steps: 3), Path.Combine(_dir, "work"));

        foreach (var (what, before, now) in new[] { ("text encoder", text, model.TextEncoder.state_dict()), ("VAE", vae, model.Vae.state_dict()),
                     ("CLIP", clip, encoder.Clip.state_dict()) })
            foreach (var (key, value) in before)
                Assert.True(value.equal(now[key]).all().item<bool>(), $"{what} {key} changed");
        var unetNow = model.Unet.state_dict();
        foreach (var (key, value) in unet.Where(kv => !IsSea(kv.Key)))
            Assert.True(value.equal(unetNow[key]).all().item<bool>(), $"UNet {key} changed");
        Assert.Contains(unet.Where(kv => IsSea(kv.Key)), kv => !kv.Value.equal(unetNow[kv.Key]).all().item<bool>());
        Assert.All(unet.Where(kv => kv.Key.EndsWith(".attn_se.to_out.0.weight", StringComparison.Ordinal)),
            kv => Assert.False(kv.Value.equal(unetNow[kv.Key]).all().item<bool>(), $"{kv.Key} did not train"));
        var headNow = encoder.Encoder.state_dict();
        Assert.Contains(head, kv => kv.Key.StartsWith("res_blocks.", StringComparison.Ordinal) && !kv.Value.equal(headNow[kv.Key]).all().item<bool>());
    }

    [Fact]
    public void Resuming_from_a_checkpoint_reproduces_the_uninterrupted_run_exactly()
    {
        var data = Data();
        var options = TinyPretraining.Options(steps: 4);
        Dictionary<string, Tensor> Train(string work, params int[] stops)
        {
            foreach (var steps in stops)
            {
                // A new process each time: fresh model, fresh encoder from the seed, then the checkpoint.
                using var model = TinyModel.Load();
                using var encoder = TinyPretraining.CreateEncoder(model);
                var trainer = new SubjectEncoderPretrainer(model, encoder);
                trainer.Run(data, options with { Steps = steps }, work);
                if (steps == stops[^1])
                    return trainer.TrainableParameters().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            throw new InvalidOperationException("no stops");
        }

        var straight = Train(Path.Combine(_dir, "straight"), 4);
        var resumed = Train(Path.Combine(_dir, "resumed"), 2, 4);
        Assert.Equal(straight.Keys.Order(), resumed.Keys.Order());
        foreach (var (key, value) in straight)
            Assert.True(value.equal(resumed[key]).all().item<bool>(), $"{key} differs after resuming");
        var state = TrainingCheckpoint.TryRead(Path.Combine(_dir, "resumed", SubjectEncoderPretrainer.CheckpointFolder))!;
        Assert.Equal(4, state.Step);
        Assert.Equal(4, state.Losses.Count);
    }

    [Fact]
    public void Augmentation_reaches_the_encoder_input_but_the_diffusion_target_is_the_plain_image()
    {
        using var model = TinyModel.Load();
        using var encoder = TinyPretraining.CreateEncoder(model);
        var data = Data();
        var trainer = new SubjectEncoderPretrainer(model, encoder);
        var options = TinyPretraining.Options();
        PretrainingBatch Draw(bool augment)
        {
            using var g = StepGenerator.For(1, 0);
            return trainer.PrepareBatch(data, options with { Augmentation = new EncoderAugmentationOptions { Enabled = augment, ElasticProbability = 1, BlurProbability = 1 } }, g);
        }
        var plain = Draw(false);
        var augmented = Draw(true);
        Assert.True(plain.Latents.equal(augmented.Latents).all().item<bool>(), "the diffusion target changed with augmentation");
        Assert.False(plain.EncoderPixels.allclose(augmented.EncoderPixels, 1e-3, 1e-3), "augmentation did not reach the encoder");
        Assert.True(augmented.EncoderPixels.equal(Draw(true).EncoderPixels).all().item<bool>(), "the same seed gave other pixels");

        // The target is the VAE mean of the un-augmented image itself.
        using var g0 = StepGenerator.For(1, 0);
        int first = (int)randint(0, data.Count, [options.BatchSize], dtype: ScalarType.Int64, generator: g0).data<long>()[0];
        using var sample = data.Load(first, TinyPretraining.Size, [AlphaForegroundSegmenter.Instance]);
        using var noGrad = no_grad();
        using var distribution = model.Vae.Encode(sample.Image01 * 2 - 1);
        var expected = distribution.Mean * model.Vae.ScalingFactor;
        Assert.True(expected.allclose(plain.Latents[..1], 1e-5, 1e-6), "latents are not the plain image's");
    }

    [Fact]
    public void A_depth_map_brings_in_the_frozen_controlnet_and_images_without_one_do_not_use_it()
    {
        using var model = TinyModel.Load(withControlNet: true);
        var controlNet = model.ControlNet!;
        using var encoder = TinyPretraining.CreateEncoder(model);
        var trainer = new SubjectEncoderPretrainer(model, encoder);
        var options = TinyPretraining.Options();
        var withDepth = Data(depth: true);
        var withoutDepth = Data(depth: false);

        trainer.DepthControlNet = null;
        double depthIgnored = trainer.Evaluate(withDepth, options, 2, 7);
        double plain = trainer.Evaluate(withoutDepth, options, 2, 7);
        trainer.DepthControlNet = controlNet;
        double depthUsed = trainer.Evaluate(withDepth, options, 2, 7);
        double noDepthMaps = trainer.Evaluate(withoutDepth, options, 2, 7);

        Assert.Equal(plain, depthIgnored, 6);
        Assert.NotEqual(depthIgnored, depthUsed, 4);
        Assert.Equal(plain, noDepthMaps, 6);
    }
}
