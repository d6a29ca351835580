using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Runtime;
using TorchSharp;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Vision;
using DreamTuner.Engine.Training.Pretraining;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training.Pretraining;

/// <summary>Gradient checkpointing recomputes activations; it must not change a single gradient.</summary>
public sealed class GradientCheckpointingTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("dt-checkpointing");

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Checkpointed_transformer_blocks_give_the_same_gradients_for_parameters_and_subject_tokens()
    {
        using var model = TinyModel.Load();
        using var encoder = TinyPretraining.CreateEncoder(model);
        var blocks = SubjectEncoderFile.TransformerBlocks(model.Unet);
        foreach (var (_, block) in blocks) TinyClipVision.Randomise(block.SubjectAttention!, 3);
        var g = new Generator(8);
        var latents = randn([2, 4, 16, 16], generator: g);
        var text = randn([2, 77, 32], generator: g);
        var t = tensor(new long[] { 10, 600 });
        var tokens = randn([2, 5, 32], generator: g).requires_grad_(true);
        var watched = model.Unet.named_parameters().Where(p => p.name.Contains(".attn_se.") || p.name.Contains(".attn2.to_q.") || p.name.StartsWith("conv_in."))
            .ToList();

        Dictionary<string, Tensor> Gradients(bool checkpointing)
        {
            foreach (var (_, block) in blocks) block.GradientCheckpointing = checkpointing;
            model.Unet.zero_grad();
            tokens.grad?.zero_();
            var context = new AttentionContext().Set(new SubjectTokens(tokens, full([2, 1, 1], 1.0f)));
            model.Unet.Forward(latents, t, text, attentionContext: context).square().mean().backward();
            var grads = watched.ToDictionary(p => p.name, p => p.parameter.grad!.clone());
            grads["tokens"] = tokens.grad!.clone();
            return grads;
        }

        var plain = Gradients(false);
        var checkpointed = Gradients(true);
        Assert.True(plain["tokens"].abs().max().item<float>() > 0, "the subject tokens got no gradient");
        foreach (var (name, grad) in plain)
            Assert.True(grad.allclose(checkpointed[name], 1e-5, 1e-7), $"{name}: max difference {(grad - checkpointed[name]).abs().max().item<float>()}");
    }

    [Fact]
    public void The_checkpointed_segment_runs_again_in_backward_and_its_gradients_match()
    {
        int calls = 0;
        var g = new Generator(2);
        var w = randn([3, 3], generator: g).requires_grad_(true);
        var x = randn([2, 3], generator: g).requires_grad_(true);
        Tensor Segment(Tensor[] inputs)
        {
            calls++;
            return inputs[0].matmul(w).tanh();
        }
        Segment([x]).square().sum().backward();
        var (wGrad, xGrad) = (w.grad!.clone(), x.grad!.clone());
        w.grad!.zero_();
        x.grad!.zero_();
        calls = 0;
        var y = GradientCheckpoint.Run(Segment, x);
        Assert.Equal(1, calls);
        y.square().sum().backward();
        Assert.Equal(2, calls);
        Assert.True(w.grad!.allclose(wGrad, 1e-6, 1e-7) && x.grad!.allclose(xGrad, 1e-6, 1e-7));
    }

    [Fact]
    public void Mixed_precision_keeps_the_trained_layers_in_float32_while_the_frozen_model_runs_in_bfloat16()
    {
        var data = PretrainingDataset.Scan(TinyPretraining.WriteDataset(Path.Combine(_dir, "data-bf16"))).Validate();
        using var model = ModelLoader.Load(TestPaths.TinySd15, new DeviceSpec(CPU, ScalarType.BFloat16));
        using var encoder = TinyPretraining.CreateEncoder(model);
        encoder.Clip.to(ScalarType.BFloat16);
        var trainer = new SubjectEncoderPretrainer(model, encoder);
        var losses = trainer.Run(data, TinyPretraining.Options(steps: 2), Path.Combine(_dir, "work-bf16"));
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        Assert.All(trainer.TrainableParameters(), kv => Assert.Equal(ScalarType.Float32, kv.Value.dtype));
        Assert.Equal(ScalarType.BFloat16, model.Unet.named_parameters().First(p => p.name.StartsWith("conv_in.")).parameter.dtype);
        Assert.Contains(trainer.TrainableParameters(), kv => kv.Key.EndsWith(".attn_se.to_out.0.weight") && kv.Value.abs().max().item<float>() > 0);
    }

    [Fact]
    public void Pretraining_with_gradient_checkpointing_trains_the_same_weights()
    {
        var data = PretrainingDataset.Scan(TinyPretraining.WriteDataset(Path.Combine(_dir, "data"))).Validate();
        Dictionary<string, Tensor> Train(bool checkpointing)
        {
            using var model = TinyModel.Load();
            using var encoder = TinyPretraining.CreateEncoder(model);
            var trainer = new SubjectEncoderPretrainer(model, encoder);
            trainer.Run(data, TinyPretraining.Options(steps: 2) with { GradientCheckpointing = checkpointing }, Path.Combine(_dir, $"work-{checkpointing}"));
            Assert.All(SubjectEncoderFile.TransformerBlocks(model.Unet), b => Assert.False(b.Block.GradientCheckpointing));
            return trainer.TrainableParameters().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        }
        var plain = Train(false);
        var checkpointed = Train(true);
        foreach (var (name, value) in plain)
            Assert.True(value.allclose(checkpointed[name], 1e-5, 1e-6), $"{name} differs with gradient checkpointing");
    }
}
